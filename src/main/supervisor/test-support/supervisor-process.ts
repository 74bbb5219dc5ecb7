// A stand-in for the app's main process in the recovery test: a supervisor over real workers that
// starts the experiment given as JSON in argv[3] in the workspace argv[2], and prints one JSON line
// per state and checkpoint event. The test kills this process with SIGKILL as a crash would.
import { nodeWorkerSpawner } from '../node-spawner'
import { Supervisor } from '../supervisor'

const [workspace, experiment] = process.argv.slice(2)
const supervisor = new Supervisor({
  spawner: nodeWorkerSpawner(),
  workspace: () => workspace!,
  concurrency: 1,
})
supervisor.subscribe((event) => {
  if (event.type === 'state' || event.type === 'checkpoint')
    process.stdout.write(`${JSON.stringify(event)}\n`)
})
void supervisor.start(JSON.parse(experiment!))
