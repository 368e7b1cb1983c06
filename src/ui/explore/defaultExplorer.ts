/**
 * The Explorer of the app's one playground (the app store), made on first use. A playground that
 * owns its own store passes its own Explorer to <ExplorePanel explorer={…}/> instead.
 */
import { loadScenario } from '../../store/actions';
import { appStore } from '../../store/appStore';
import { createExplorer, type Explorer } from './explorer';

let explorer: Explorer | null = null;

export function defaultExplorer(): Explorer {
  explorer ??= createExplorer({
    current() {
      const { scenario, step } = appStore.getState();
      return { scenario, step };
    },
    load: loadScenario,
  });
  return explorer;
}
