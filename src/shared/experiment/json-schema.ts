import { z } from 'zod'
import { modelSpecSchema } from '../../engine'
import { experimentSpecSchema, PRESET_NAME_PATTERN } from './schema'

/**
 * The experiment spec as a JSON Schema (draft 2020-12), for docs/formats.md and for editors that
 * validate experiment.json. The model may be a preset name or an inline model spec: the object
 * branch is the engine's model spec schema ("dllab.model/1"), embedded.
 */
export function experimentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(experimentSpecSchema, { io: 'input' }) as Record<string, unknown>
  const model = z.toJSONSchema(modelSpecSchema, { io: 'input' }) as Record<string, unknown>
  delete model.$schema
  const properties = schema.properties as Record<string, unknown>
  properties.model = {
    description: 'A preset model name (resources/presets/models/<name>.json) or an inline model spec',
    anyOf: [{ type: 'string', pattern: PRESET_NAME_PATTERN.source }, model],
  }
  return { title: 'DL Lab experiment (dllab.experiment/1)', ...schema }
}
