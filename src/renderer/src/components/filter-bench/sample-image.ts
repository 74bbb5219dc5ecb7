/**
 * The built-in sample: a 99 × 99 grey picture drawn in code, with something for every filter —
 * a checkerboard (edges both ways), vertical and diagonal stripes (orientations for Sobel and
 * Gabor), a bright disc with a dark ring (curved edges) on a smooth gradient (what smoothing keeps).
 * 99 = 2·49 + 1, so a 3×3 filter with padding 1 and stride 2 gives a whole (99 − 3 + 2)/2 + 1 = 50.
 * Values are whole grey levels 0–255, as a decoded 8-bit image holds.
 */
export const SAMPLE_SIZE = 99

function level(x: number, y: number): number {
  const size = SAMPLE_SIZE
  // Background: a gentle diagonal gradient, 60 at the top left to 140 at the bottom right.
  let v = 60 + (80 * (x + y)) / (2 * (size - 1))
  if (x >= 8 && x < 44 && y >= 8 && y < 44) {
    // Checkerboard of 6-pixel squares.
    v = (Math.floor((x - 8) / 6) + Math.floor((y - 8) / 6)) % 2 === 0 ? 235 : 25
  } else if (x >= 55 && x < 91 && y >= 8 && y < 44) {
    // Vertical stripes, period 6.
    v = Math.floor((x - 55) / 3) % 2 === 0 ? 210 : 40
  } else if (x >= 8 && x < 44 && y >= 55 && y < 91) {
    // Diagonal stripes, period 8 along x + y.
    v = Math.floor((x + y) / 4) % 2 === 0 ? 200 : 50
  }
  const r = Math.hypot(x - 72, y - 72)
  if (r <= 13) v = 245
  else if (r <= 17) v = 15
  return Math.round(v)
}

export function sampleImage(): { width: number; height: number; data: Float32Array } {
  const data = new Float32Array(SAMPLE_SIZE * SAMPLE_SIZE)
  for (let y = 0; y < SAMPLE_SIZE; y++) {
    for (let x = 0; x < SAMPLE_SIZE; x++) data[y * SAMPLE_SIZE + x] = level(x, y)
  }
  return { width: SAMPLE_SIZE, height: SAMPLE_SIZE, data }
}
