import { type FakeHandlers, notFaked } from './fake-handlers'

type ResultChannels =
  | 'runs.detail'
  | 'runs.figures'
  | 'runs.confusionCell'
  | 'runs.featureMaps'
  | 'runs.im2col'
  | 'figures.png'
  | 'export.save'
  | 'report.html'
  | 'report.saveHtml'
  | 'report.savePdf'

/** The run results, figure export and report channels for the fake api (Results view). */
export function createFakeResults(): FakeHandlers<ResultChannels> {
  return {
    'runs.detail': notFaked('runs.detail'),
    'runs.figures': notFaked('runs.figures'),
    'runs.confusionCell': notFaked('runs.confusionCell'),
    'runs.featureMaps': notFaked('runs.featureMaps'),
    'runs.im2col': notFaked('runs.im2col'),
    'figures.png': notFaked('figures.png'),
    'export.save': notFaked('export.save'),
    'report.html': notFaked('report.html'),
    'report.saveHtml': notFaked('report.saveHtml'),
    'report.savePdf': notFaked('report.savePdf'),
  }
}
