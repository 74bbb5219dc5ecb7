import { execFile } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { promisify } from 'node:util'
import { APP_ROOT, cli, cliProcess } from './test-support/cli-harness'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-cli-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const run = (...args: string[]) => cli(args, { cwd: dir, env: { DLLAB_WORKSPACE: join(dir, 'ws') } })

describe('dllab: help, version and usage errors', () => {
  it('--help lists every command; --version prints the version; no command is a usage error', async () => {
    const help = await run('--help')
    expect(help.code).toBe(0)
    for (const name of ['presets', 'inspect', 'train', 'resume', 'eval', 'figures', 'import-lecture']) {
      expect(help.stdout).toContain(`\n  ${name} `)
    }
    expect(help.stdout).toContain('  datasets scan ')
    expect(await run('--version')).toEqual({ code: 0, stdout: '0.0.0-test\n', stderr: '' })
    const none = await run()
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('Usage: dllab <command>')
  })

  it('per-command --help shows usage, options and examples', async () => {
    const help = await run('train', '--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: dllab train EXPERIMENT\|PRESET \[--data DIR\]/)
    expect(help.stdout).toContain('--epochs N')
    expect(help.stdout).toContain('--workspace DIR')
    expect(help.stdout).toContain('dllab train lenet5')
    expect((await run('help', 'datasets', 'scan')).stdout).toMatch(/^Usage: dllab datasets scan DIR/)
  })

  it.each([
    [['trian'], "dllab: unknown command 'trian'; did you mean train?"],
    [['train'], 'dllab train: missing EXPERIMENT|PRESET (an experiment file or a preset name)'],
    [['train', 'lenet5', '--bogus'], "dllab train: unknown option '--bogus'"],
    [['train', 'lenet5', '--epochs', 'x'], "dllab train: --epochs must be a positive integer, got 'x'"],
    [
      ['train', 'lenet5', '--seed', '1.5'],
      "dllab train: --seed must be an integer from 0 to 4294967295, got '1.5'",
    ],
    [['eval', 'a', 'b'], "dllab eval: unexpected argument 'b'"],
    [['figures', 'latest', '--format', 'gif'], "dllab figures: --format must be png or svg, got 'gif'"],
    [['datasets'], "dllab: 'datasets' needs a subcommand: 'datasets scan'"],
    [['--epochs', '3'], "dllab: put the command first, before '--epochs'"],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const result = await run(...args)
    expect(result.code).toBe(2)
    expect(result.stderr.split('\n')[0]).toBe(message)
    expect(result.stdout).toBe('')
  })
})

describe('dllab presets and inspect', () => {
  it('lists the presets with their parameter counts', async () => {
    const { code, stdout } = await run('presets')
    expect(code).toBe(0)
    expect(stdout).toMatch(/lecture-dl +classify +96,106 +mnist, grey 14×14, 100\/class +200/)
    expect(stdout).toMatch(/vgg16 +classify +138,357,544/)
    const one = await run('presets', 'lecture-ae-32')
    expect(JSON.parse(one.stdout)).toMatchObject({
      name: 'AE.py, 32 hidden units (lecture 実習②)',
      model: 'lecture-ae-32',
    })
    expect(one.stderr).toMatch(/^lecture-ae-32: The lecture's AE.py/)
  })

  it("prints the lecture's VGG table: (B, C, Y, X) per layer and 138,357,544 parameters", async () => {
    const { code, stdout } = await run('inspect', 'vgg16')
    expect(code).toBe(0)
    const rows = stdout.split('\n')
    expect(rows).toContainEqual(expect.stringMatching(/^ {4}input +\(B, 3, 224, 224\)$/))
    expect(rows).toContainEqual(
      expect.stringMatching(
        /^ 1 +conv1_1 +conv2d +\(64, 3, 3, 3\) stride 1 pad 1, relu +\(B, 64, 224, 224\) +1,792$/,
      ),
    )
    expect(rows).toContainEqual(
      expect.stringMatching(/^ 3 +pool1 +pool2d +max 2×2 stride 2 +\(B, 64, 112, 112\) +0$/),
    )
    expect(rows).toContainEqual(expect.stringMatching(/^18 +pool5 +pool2d .* \(B, 512, 7, 7\) +0$/))
    expect(rows).toContainEqual(
      expect.stringMatching(/^20 +fc1 +dense +4096 units, relu +\(B, 4096\) +102,764,544$/),
    )
    expect(stdout).toContain('Total parameters: 138,357,544')
  })

  it("shows AE.py's unit-sum layer and reads model and experiment files", async () => {
    const ae = await run('inspect', 'lecture-ae-32')
    expect(ae.stdout).toMatch(/2 +hunit-sum +unit-sum +softmax, backward identity +\(B, 32\) +0/)
    expect(ae.stdout).toContain('Total parameters: 12,772')
    const spec = {
      format: 'dllab.model/1',
      input: { channels: 1, height: 28, width: 28 },
      layers: [
        { type: 'conv2d', filters: 6, kernel: 5, padding: 2, activation: 'relu' },
        { type: 'pool2d', mode: 'max', size: 2 },
      ],
    }
    await writeFile(join(dir, 'model.json'), JSON.stringify(spec))
    const file = await run('inspect', 'model.json')
    expect(file.code).toBe(0)
    expect(file.stdout).toMatch(
      /1 +conv2d1 +conv2d +\(6, 1, 5, 5\) stride 1 pad 2, relu +\(B, 6, 28, 28\) +156/,
    )
    expect(file.stdout).toMatch(/2 +pool2d1 +pool2d +max 2×2 stride 2 +\(B, 6, 14, 14\) +0/)
  })

  it("reports an invalid spec with the engine's message and exit 1", async () => {
    const bad = {
      format: 'dllab.model/1',
      input: { channels: 6, height: 15, width: 14 },
      layers: [{ type: 'conv2d', name: 'c2', filters: 16, kernel: 5, stride: 2 }],
    }
    await writeFile(join(dir, 'bad.json'), JSON.stringify(bad))
    expect(await run('inspect', 'bad.json')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "dllab inspect: conv2d 'c2': output width (14 − 5 + 2·0)/2 + 1 = 5.5 is not an integer; change stride or padding\n",
    })
    await writeFile(join(dir, 'broken.json'), '{"format": ')
    const broken = await run('inspect', 'broken.json')
    expect(broken.code).toBe(1)
    expect(broken.stderr).toMatch(/^dllab inspect: .*broken\.json is not valid JSON: /)
    const missing = await run('inspect', 'nope')
    expect(missing.stderr).toMatch(
      /^dllab inspect: no model spec file or preset named 'nope'; the presets are ae-denoising,/,
    )
  })
})

describe('dllab as a process', () => {
  it('says one sentence and exits 1 without a stack trace; DLLAB_DEBUG=1 adds the stack', async () => {
    const plain = await cliProcess(['eval', '20250101-000000000-abcdef'], {
      cwd: dir,
      env: { DLLAB_WORKSPACE: join(dir, 'ws') },
    })
    expect(plain.code).toBe(1)
    expect(plain.stderr).toBe(`dllab eval: no run 20250101-000000000-abcdef in ${join(dir, 'ws', 'runs')}\n`)
    const debug = await cliProcess(['eval', '20250101-000000000-abcdef'], {
      cwd: dir,
      env: { DLLAB_WORKSPACE: join(dir, 'ws'), DLLAB_DEBUG: '1' },
    })
    expect(debug.code).toBe(1)
    expect(debug.stderr).toMatch(/^dllab eval: no run .*\nRunNotFoundError: no run .*\n {4}at /)
  })
})

describe('bin/dllab.mjs', () => {
  it('runs out/node/cli.js, and says to build when it is missing', async () => {
    const root = join(dir, 'package')
    await mkdir(join(root, 'bin'), { recursive: true })
    await copyFile(join(APP_ROOT, 'bin', 'dllab.mjs'), join(root, 'bin', 'dllab.mjs'))
    const bin = join(root, 'bin', 'dllab.mjs')
    const missing = await promisify(execFile)(process.execPath, [bin, '--version']).catch(
      (e: { code: number; stderr: string }) => e,
    )
    expect(missing).toMatchObject({
      code: 1,
      stderr: `dllab: the command line is not built yet (${join(root, 'out', 'node', 'cli.js')} is missing); run \`npm run build\` in ${root}/\n`,
    })
    await mkdir(join(root, 'out', 'node'), { recursive: true })
    await writeFile(
      join(root, 'out', 'node', 'cli.js'),
      "process.stdout.write('cli ' + process.argv.slice(2).join(' '))\n",
    )
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'eval', 'latest'])
    expect(stdout).toBe('cli eval latest')
  })
})

describe('the workspace', () => {
  it("is --workspace, else $DLLAB_WORKSPACE, else DL Lab's setting, else <home>/DL Lab", async () => {
    const noRuns = (ws: string) =>
      `dllab eval: there are no runs in ${join(ws, 'runs')} yet; train one with \`dllab train\`\n`
    const given = await cli(['eval', 'latest', '--workspace', 'wsA'], {
      cwd: dir,
      env: { DLLAB_WORKSPACE: join(dir, 'wsB') },
    })
    expect(given).toEqual({ code: 1, stdout: '', stderr: noRuns(join(dir, 'wsA')) })
    const fromEnv = await cli(['eval', 'latest'], { cwd: dir, env: { DLLAB_WORKSPACE: join(dir, 'wsB') } })
    expect(fromEnv.stderr).toBe(noRuns(join(dir, 'wsB')))
    await mkdir(join(dir, 'config'), { recursive: true })
    await writeFile(
      join(dir, 'config', 'settings.json'),
      JSON.stringify({ format: 'dllab.settings/1', workspace: join(dir, 'wsC'), language: 'ja' }),
    )
    const fromSettings = await cli(['eval', 'latest'], {
      cwd: dir,
      env: { DLLAB_CONFIG_DIR: join(dir, 'config'), DLLAB_HOME: dir },
    })
    expect(fromSettings.stderr).toBe(noRuns(join(dir, 'wsC')))
    const byDefault = await cli(['eval', 'latest'], {
      cwd: dir,
      env: { DLLAB_CONFIG_DIR: join(dir, 'none'), DLLAB_HOME: dir },
    })
    expect(byDefault.stderr).toBe(noRuns(join(dir, 'DL Lab')))
  })
})
