/**
 * English messages. ja.ts must have exactly the same keys (its type is this object's).
 * Message syntax: {name} interpolates, "a | b | c" chooses by count (zero | one | many); no HTML.
 */
export const en = {
  app: {
    name: 'DL Lab',
    tagline: 'Deep learning lab',
    loading: 'Loading…',
  },
  nav: {
    label: 'Main',
    datasets: 'Datasets',
    model: 'Model',
    train: 'Train',
    results: 'Results',
    filters: 'Filter bench',
    settings: 'Settings',
  },
  errors: {
    label: 'Errors',
    dismiss: 'Dismiss',
  },
  common: {
    cancel: 'Cancel',
    images: 'no images | {n} image | {n} images',
    classes: 'no classes | {n} class | {n} classes',
  },
  folderPicker: {
    chooseDataset: 'Choose a dataset folder',
    chooseWorkspace: 'Choose the workspace folder',
    current: 'Current folder',
    up: 'Up',
    open: 'Open {name}',
    choose: 'Choose this folder',
    noSubfolders: 'This folder has no sub-folders.',
    subfolders: 'Sub-folders',
    loading: 'Reading folder…',
  },
  datasets: {
    title: 'Datasets',
    intro:
      'A dataset folder holds one sub-folder per class, with the images of that class inside: {pattern}.',
    choose: 'Choose folder…',
    rescan: 'Scan again',
    folder: 'Folder',
    empty: 'No folder chosen yet',
    emptyHint: 'Choose a folder of class sub-folders to see its classes, image counts and sample images.',
    scanning: 'Scanning {path}…',
    summary: 'Summary',
    classCount: 'Classes',
    imageCount: 'Images',
    problemCount: 'Unreadable files',
    classesHeading: 'Classes',
    noClasses: 'No class folders were found in this folder.',
    thumbnailAlt: '{className}: sample {index}',
    problems: 'Problems',
    noProblems: 'Every file could be read.',
    problemsIntro: 'These files were skipped:',
  },
  model: {
    title: 'Model',
    empty: 'No model yet',
    emptyHint:
      'The architecture editor will list the layers here, with each layer’s output shape and parameter count.',
  },
  train: {
    title: 'Train',
    empty: 'No runs yet',
    emptyHint: 'Training runs will appear here with their live loss and accuracy.',
  },
  results: {
    title: 'Results',
    empty: 'No results yet',
    emptyHint: 'Finished runs will appear here with their confusion matrices, filters and reconstructions.',
  },
  filters: {
    title: 'Filter bench',
    empty: 'No image loaded',
    emptyHint: 'The filter bench will show an image next to its spatial filtering result here.',
  },
  settings: {
    title: 'Settings',
    workspace: 'Workspace folder',
    workspaceHint: 'Runs, checkpoints and figures are kept here.',
    change: 'Change…',
    language: 'Language',
    notLoaded: 'Settings could not be loaded.',
    about: 'About',
    version: 'Version {version}',
    hostElectron: 'Desktop app',
    hostWeb: 'Web mode (this browser, served from this computer)',
  },
}

export type Messages = typeof en
