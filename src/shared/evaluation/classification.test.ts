import { describe, expect, it } from 'vitest'
import {
  EvaluationError,
  argmaxRows,
  confusionMatrix,
  correctCount,
  evaluateClassification,
  misclassifiedSamples,
  samplesInCell,
  totalCount,
} from './index'

// The lecture's Predict() output of DL.py (混合行列, 正解数 -> 747): rows = true, columns = predicted.
const LECTURE_MATRIX = [
  [96, 0, 0, 0, 2, 1, 1, 0, 0, 0],
  [0, 90, 1, 0, 0, 0, 0, 1, 7, 1],
  [9, 0, 54, 0, 0, 3, 9, 3, 18, 4],
  [0, 0, 0, 32, 0, 53, 1, 2, 11, 1],
  [0, 0, 0, 0, 82, 0, 7, 0, 1, 10],
  [3, 0, 0, 0, 3, 85, 1, 2, 4, 2],
  [3, 0, 1, 0, 3, 2, 91, 0, 0, 0],
  [0, 0, 3, 0, 3, 0, 0, 71, 5, 18],
  [2, 0, 0, 0, 6, 14, 2, 1, 69, 6],
  [0, 0, 0, 0, 19, 3, 0, 0, 1, 77],
]

describe('confusionMatrix', () => {
  it("counts like the lecture's result[i][ans] += 1 and gives its 正解数 747", () => {
    const labels: number[] = []
    const predicted: number[] = []
    LECTURE_MATRIX.forEach((row, i) =>
      row.forEach((count, ans) => {
        for (let k = 0; k < count; k++) {
          labels.push(i)
          predicted.push(ans)
        }
      }),
    )
    const matrix = confusionMatrix(labels, predicted, 10)
    expect(matrix).toEqual(LECTURE_MATRIX)
    expect(correctCount(matrix)).toBe(747)
    expect(totalCount(matrix)).toBe(1000)
    // Row 3 (true "3") predicted as 5 fifty-three times: orientation rows = true, columns = predicted.
    expect(matrix[3][5]).toBe(53)
    expect(samplesInCell(labels, predicted, 3, 5)).toHaveLength(53)
  })

  it('rejects labels outside the classes and mismatched lengths with clear messages', () => {
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(
      'confusionMatrix: the true label of sample 1 is 3, expected an integer class index in [0, 2]',
    )
    expect(() => confusionMatrix([0, 1], [0], 3)).toThrow(EvaluationError)
    expect(() => confusionMatrix([0], [1.5], 3)).toThrow('the prediction of sample 0 is 1.5')
  })
})

describe('evaluateClassification', () => {
  const classes = ['cat', 'dog', 'bird', 'fish']
  const labels = [0, 0, 0, 1, 1, 2, 2, 2, 2, 0]
  const predicted = [0, 1, 0, 1, 3, 2, 2, 0, 2, 0]

  it('gives the confusion matrix, correct count, accuracy and per-class numbers computed by hand', () => {
    const e = evaluateClassification({ classes, labels, predicted })
    expect(e.confusion).toEqual([
      [3, 1, 0, 0],
      [0, 1, 0, 1],
      [1, 0, 3, 0],
      [0, 0, 0, 0],
    ])
    expect(e.total).toBe(10)
    expect(e.correct).toBe(7)
    expect(e.accuracy).toBe(0.7)
    expect(e.misclassifiedCount).toBe(3)
    const [cat, dog, bird, fish] = e.perClass
    expect([cat.precision, cat.recall, cat.f1]).toEqual([0.75, 0.75, 0.75])
    expect([dog.precision, dog.recall, dog.f1]).toEqual([0.5, 0.5, 0.5])
    expect(bird.precision).toBe(1)
    expect(bird.recall).toBe(0.75)
    expect(bird.f1).toBeCloseTo(6 / 7, 15)
    expect(bird).toMatchObject({ support: 4, predictedCount: 3, truePositives: 3, className: 'bird' })
    // "fish" was predicted once (wrongly) and has no samples: precision 0 (defined), recall and F1
    // fall back to 0 with their flags cleared.
    expect(fish).toMatchObject({
      support: 0,
      predictedCount: 1,
      precision: 0,
      recall: 0,
      f1: 0,
      precisionDefined: true,
      recallDefined: false,
      f1Defined: false,
    })
    expect(e.macro.precision).toBe(0.5625)
    expect(e.macro.recall).toBe(0.5)
    expect(e.macro.f1).toBeCloseTo((0.75 + 0.5 + 6 / 7) / 4, 15)
    // Without scores the misclassified samples come in index order with null confidences.
    expect(e.misclassified).toEqual([
      { index: 1, label: 0, predicted: 1, confidence: null, labelScore: null },
      { index: 4, label: 1, predicted: 3, confidence: null, labelScore: null },
      { index: 7, label: 2, predicted: 0, confidence: null, labelScore: null },
    ])
    expect(e.predictions).toBeUndefined()
  })

  it('marks precision undefined for a class never predicted', () => {
    const e = evaluateClassification({ classes: ['a', 'b'], labels: [0, 1], predicted: [0, 0] })
    expect(e.perClass[1]).toMatchObject({
      precision: 0,
      precisionDefined: false,
      recall: 0,
      recallDefined: true,
    })
    expect(e.perClass[0]).toMatchObject({ precision: 0.5, recall: 1 })
    expect(e.perClass[0].f1).toBeCloseTo(2 / 3, 15)
  })

  it('survives JSON unchanged (plain data, no NaN)', () => {
    const e = evaluateClassification({ classes, labels, predicted, includePredictions: true })
    expect(JSON.parse(JSON.stringify(e))).toEqual(e)
    expect(e.predictions).toEqual(predicted)
  })

  it('handles an empty test set', () => {
    const e = evaluateClassification({ classes: ['a'], labels: [], predicted: [] })
    expect([e.total, e.correct, e.accuracy]).toEqual([0, 0, 0])
    expect(e.perClass[0]).toMatchObject({ precisionDefined: false, recallDefined: false, f1: 0 })
  })
})

describe('scores and misclassified samples', () => {
  const scores = [
    [0.1, 0.7, 0.2],
    [0.5, 0.5, 0.0],
    [0.2, 0.3, 0.5],
    [0.05, 0.9, 0.05],
    [0.7, 0.2, 0.1],
  ].flat()
  const labels = [0, 1, 2, 2, 1]

  it('predicts the argmax, the first index on ties, like np.argmax', () => {
    const p = argmaxRows({ data: scores, classCount: 3 })
    expect(Array.from(p.predicted)).toEqual([1, 0, 2, 1, 0])
    expect(Array.from(p.confidence)).toEqual([0.7, 0.5, 0.5, 0.9, 0.7])
    expect(() => argmaxRows({ data: [1, 2, 3, 4], classCount: 3 })).toThrow('do not split into rows of 3')
  })

  it('lists the most confident mistakes first, ties by index, with the true class score', () => {
    const e = evaluateClassification({ classes: ['0', '1', '2'], labels, scores, includePredictions: true })
    expect(e.correct).toBe(1)
    expect(e.misclassified).toEqual([
      { index: 3, label: 2, predicted: 1, confidence: 0.9, labelScore: 0.05 },
      { index: 0, label: 0, predicted: 1, confidence: 0.7, labelScore: 0.1 },
      { index: 4, label: 1, predicted: 0, confidence: 0.7, labelScore: 0.2 },
      { index: 1, label: 1, predicted: 0, confidence: 0.5, labelScore: 0.5 },
    ])
    expect(e.confidences).toEqual([0.7, 0.5, 0.5, 0.9, 0.7])
    const top2 = misclassifiedSamples({ labels, predicted: e.predictions!, scores, classCount: 3, limit: 2 })
    expect(top2.map((m) => m.index)).toEqual([3, 0])
    const limited = evaluateClassification({
      classes: ['0', '1', '2'],
      labels,
      scores,
      misclassifiedLimit: 1,
    })
    expect(limited.misclassified.map((m) => m.index)).toEqual([3])
    expect(limited.misclassifiedCount).toBe(4)
  })

  it('refuses predictions that contradict the scores, and missing inputs', () => {
    expect(() =>
      evaluateClassification({ classes: ['0', '1', '2'], labels, scores, predicted: [1, 0, 2, 1, 1] }),
    ).toThrow('prediction 1 of sample 4 is not the argmax 0')
    expect(() => evaluateClassification({ classes: ['0', '1', '2'], labels })).toThrow(
      'give the predicted classes or the score rows',
    )
    expect(() => evaluateClassification({ classes: ['0', '1'], labels, scores })).toThrow(
      'expected 5 samples × 2 classes = 10 scores, got 15',
    )
  })
})
