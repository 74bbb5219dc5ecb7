// A worker that breaks the training protocol: it says 'ready' like the real one, then answers 'start'
// with a progress report whose fields are wrong, and stays alive until it is stopped.
const send = (message: unknown) => process.send?.(message)

process.on('message', (message: { type?: string }) => {
  if (message.type === 'start')
    send({ type: 'progress', progress: { stage: 'train', loss: 'low', step: -1 } })
})
send({ type: 'ready', pid: process.pid })
setInterval(() => undefined, 1000)
