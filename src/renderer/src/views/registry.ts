import type { Component } from 'vue'
import type { ViewId } from '../stores/navigation'
import DatasetsView from './DatasetsView.vue'
import FilterBenchView from './FilterBenchView.vue'
import HomeView from './HomeView.vue'
import ModelView from './ModelView.vue'
import ResultsView from './ResultsView.vue'
import SettingsView from './SettingsView.vue'
import TrainView from './TrainView.vue'

/** The component shown for each view of the navigation. */
export const views: Record<ViewId, Component> = {
  home: HomeView,
  datasets: DatasetsView,
  model: ModelView,
  train: TrainView,
  results: ResultsView,
  filters: FilterBenchView,
  settings: SettingsView,
}
