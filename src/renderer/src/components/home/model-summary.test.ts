import { describe, expect, it } from 'vitest'
import lenet5Model from '../../../../../resources/presets/models/lenet5.json'
import lectureDlModel from '../../../../../resources/presets/models/lecture-dl.json'
import { modelSummary } from './model-summary'

describe('modelSummary', () => {
  it("counts LeNet-5's layers and its 61,706 parameters", () => {
    expect(modelSummary(lenet5Model)).toEqual({
      name: 'LeNet-5',
      layers: 8,
      input: '1×28×28',
      parameters: 61_706,
    })
  })

  it("counts DL.py's 196-256-128-64-32-32-32-10 network", () => {
    // 196·256+256 + 256·128+128 + 128·64+64 + 64·32+32 + 32·32+32 + 32·32+32 + 32·10+10
    const expected = 50_432 + 32_896 + 8_256 + 2_080 + 1_056 + 1_056 + 330
    expect(modelSummary(lectureDlModel)).toMatchObject({ layers: 7, input: '196', parameters: expected })
  })

  it('says so when the model does not pass shape inference', () => {
    const broken = { ...lenet5Model, layers: [{ type: 'conv2d', filters: 6, kernel: 29 }] }
    expect(modelSummary(broken)).toMatchObject({ layers: 1, parameters: null })
    expect(modelSummary(null)).toEqual({ name: null, layers: 0, input: null, parameters: null })
  })
})
