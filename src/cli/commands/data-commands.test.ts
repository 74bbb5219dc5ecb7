import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../test-support/cli-harness'
import { writeBlobFolders } from '../test-support/datasets'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-cli-data-'))
  await writeBlobFolders(join(dir, 'blobs'), 6, 1, true)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const run = (...args: string[]) => cli(args, { cwd: dir, env: { DLLAB_WORKSPACE: join(dir, 'ws') } })

describe('dllab datasets scan', () => {
  it('lists classes, counts and every unusable file with its reason, and measures images/s', async () => {
    const { code, stdout } = await run('datasets', 'scan', 'blobs')
    expect(code).toBe(0)
    const lines = stdout.split('\n')
    expect(lines[0]).toBe(`${join(dir, 'blobs')}: 2 classes, 12 usable images`)
    expect(lines).toContainEqual(expect.stringMatching(/^top +6$/))
    expect(lines).toContainEqual(expect.stringMatching(/^bottom +6$/))
    expect(stdout).toContain('3 problems (skipped when training):')
    for (const bad of ['top/empty.png', 'top/truncated.png', 'bottom/notes.jpg']) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${bad.replace('.', '\\.')} +\\S`)))
    }
    expect(stdout).toMatch(
      /Speed on \d+ threads?: decoding [\d,]+ images\/s; decoding and preprocessing \(grey, scaled to \[0, 1\]\) [\d,]+ images\/s/,
    )
  })

  it('--json gives the same report as numbers; --quick skips the measurement', async () => {
    const { code, stdout } = await run('datasets', 'scan', join(dir, 'blobs'), '--json', '--quick')
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as Record<string, unknown>
    expect(report).toMatchObject({
      root: join(dir, 'blobs'),
      classes: [
        { name: 'bottom', images: 6 },
        { name: 'top', images: 6 },
      ],
      totalImages: 12,
    })
    expect((report['problems'] as { path: string }[]).map((p) => p.path)).toEqual([
      'bottom/notes.jpg',
      'top/empty.png',
      'top/truncated.png',
    ])
    expect(report['speed']).toBeUndefined()
  })

  it('a folder without class folders is one clear error (exit 1)', async () => {
    await writeFile(join(dir, 'loose.png'), 'x')
    const empty = join(dir, 'blobs', 'top')
    const result = await run('datasets', 'scan', empty)
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      `dllab datasets scan: ${empty} has no class folders: put each class's images in a subfolder, e.g. ` +
        `${join(empty, 'cat', '1.png')}\n`,
    )
    expect((await run('datasets', 'scan', 'missing')).stderr).toBe(
      `dllab datasets scan: Cannot scan ${join(dir, 'missing')}: it does not exist\n`,
    )
  })
})

describe('dllab export-mnist', () => {
  it("writes the lecture's layout, N per digit, and refuses a non-empty folder without --overwrite", async () => {
    const out = join(dir, 'mnist')
    const first = await run('export-mnist', 'mnist', '--per-class', '2')
    expect(first.code).toBe(0)
    expect(first.stdout).toBe(
      `Wrote 40 JPEG files to ${out}: train 20, test 20 (per digit: train 2 2 2 2 2 2 2 2 2 2; test 2 2 2 2 2 2 2 2 2 2)\n`,
    )
    expect((await readdir(join(out, 'train', '7'))).sort()).toEqual(['7_1.jpg', '7_2.jpg'])
    const again = await run('export-mnist', 'mnist', '--per-class', '1')
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/^dllab export-mnist: .* is not empty \(2 entries\); choose an empty folder/)
    const replaced = await run('export-mnist', 'mnist', '--per-class', '1', '--overwrite')
    expect(replaced.code).toBe(0)
    expect(await readdir(join(out, 'test', '0'))).toEqual(['0_1.jpg'])
  })
})
