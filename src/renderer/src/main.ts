import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createAppI18n } from './i18n'
import { useAppInfoStore } from './stores/app-info'
import { useSettingsStore } from './stores/settings'
import './styles/base.css'
import './styles/shell.css'
import './styles/datasets.css'
import './styles/settings.css'
import './styles/folder-browser.css'

/** Loads settings (for the language) and host info before the first paint, then mounts the app. */
async function start(): Promise<void> {
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia)
  const settings = useSettingsStore(pinia)
  await Promise.all([settings.load(), useAppInfoStore(pinia).load()])
  app.use(createAppI18n(settings.language))
  app.mount('#app')
}

void start()
