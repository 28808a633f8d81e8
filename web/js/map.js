// The map page: wires the map, the sidebar (filter + list), the project panel, the planning
// layers, the site-check and measure tools. The filter and the selected project live in the URL
// query (?category=roads&status=completed&project=42&colour=category), so any view can be shared
// as a link.

import './leaflet-compat.js';
import { initI18n, bindLangSwitch, onLangChange, t, lang } from './i18n.js';
import { api } from './api.js';
import { toast } from './dom.js';
import { normaliseProjects, parseFilter, writeFilter, applyFilter, dashboardQuery, needsVerdicts, colouring, countByKey, createVerdictLoader, COLOUR_MODES } from './model.js';
import { colourKeyLabel } from './project-layer.js';
import { createProjectLayer } from './project-layer.js';
import { createSidebar } from './sidebar.js';
import { createProjectPanel } from './panel.js';
import { createZones } from './zones.js';
import { createCheckTool } from './check.js';
import { createMeasureTool } from './measure.js';
import { addCoordinates, labelZoomControl, setupLocate } from './controls.js';

const L = window.L;
/** Zhumadian city centre (驿城区), lon 114.02, lat 32.98; the brief's default view. */
const HOME = { center: [32.98, 114.02], zoom: 11 };
const $ = (id) => document.getElementById(id);

const state = {
  projects: [],
  byId: new Map(),
  filter: {},
  shown: [],
  selectedId: null,
  drawMode: null, // 'check' | 'measure-length' | 'measure-area' | null
  colourMode: 'status', // model.js COLOUR_MODES
  verdicts: null, // project id -> site-check verdict, loaded when compliance colouring or a verdict filter is first chosen
  verdictsError: false,
};

/** The one loader of /api/checks/summary on this page (colouring and filter share it). */
const verdictLoader = createVerdictLoader(() => api.checksSummary());

function updateUrl() {
  const url = new URL(location.href);
  writeFilter(state.filter, url.searchParams);
  if (state.selectedId) url.searchParams.set('project', state.selectedId);
  else url.searchParams.delete('project');
  if (state.colourMode !== 'status') url.searchParams.set('colour', state.colourMode);
  else url.searchParams.delete('colour');
  history.replaceState(history.state, '', url);
  // the dashboard opens with the same filter (the parts /api/stats understands, and the verdict)
  const q = dashboardQuery(state.filter);
  $('link-dashboard').href = q ? `dashboard?${q}` : 'dashboard';
}

function geomanLang() {
  return lang() === 'en' ? 'en' : 'zh';
}

async function main() {
  // The data is asked for first, so that it travels while the dictionary loads and the map is built.
  const data = Promise.allSettled([api.config(), api.layers(), api.projects()]);
  await initI18n();
  bindLangSwitch($('lang-switch'));

  // Geoman only attaches its editing handlers to layers that opt in (pmIgnore: false): the
  // hundreds of project markers and zone features are never edited here.
  L.PM.setOptIn(true);
  const map = L.map('map', {
    center: HOME.center,
    zoom: HOME.zoom,
    zoomControl: true,
    minZoom: 5,
    maxZoom: 19,
    worldCopyJump: false,
    pmIgnore: false, // the map itself opts in, so map.pm (drawing) exists
  });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>');
  map.pm.setLang(geomanLang());
  L.control.scale({ imperial: false, position: 'bottomright' }).addTo(map);
  addCoordinates(map);
  labelZoomControl(map);
  setupLocate(map, $('btn-locate'));

  // ---- drawing modes: only one tool draws at a time ----
  const tools = {}; // check, measure: created below, once the panels exist
  const isDrawing = (mode) => state.drawMode === mode;
  const onDrawStart = (mode) => {
    if (state.drawMode && state.drawMode !== mode) {
      if (state.drawMode === 'check') tools.check.stopDrawing();
      else tools.measure.stop();
    }
    state.drawMode = mode;
  };
  const onDrawStop = () => {
    state.drawMode = null;
  };

  // ---- drawer (project panel / check panel) ----
  const drawer = $('drawer');
  const projectPanelEl = $('project-panel');
  const checkPanelEl = $('check-panel');
  const checkBtn = $('btn-check');

  function openDrawer(which) {
    drawer.hidden = false;
    document.body.classList.add('drawer-open');
    projectPanelEl.hidden = which !== 'project';
    checkPanelEl.hidden = which !== 'check';
    checkBtn.setAttribute('aria-expanded', String(which === 'check'));
    setTimeout(() => map.invalidateSize(), 0);
  }

  function closeDrawer() {
    drawer.hidden = true;
    document.body.classList.remove('drawer-open');
    projectPanelEl.hidden = true;
    checkPanelEl.hidden = true;
    checkBtn.setAttribute('aria-expanded', 'false');
    setTimeout(() => map.invalidateSize(), 0);
  }

  // ---- sidebar on narrow screens: a bottom sheet ----
  const sidebarEl = $('sidebar');
  const sidebarBtn = $('btn-sidebar');
  const peekBtn = $('btn-sidebar-peek');
  const narrowQuery = window.matchMedia('(max-width: 899px)');
  const isNarrow = () => narrowQuery.matches;
  const sidebarOpen = () => document.body.classList.contains('sidebar-open');
  // Collapsed into its bottom bar, the sheet's filters and list are out of sight: keep them out
  // of the tab order too.
  function syncInert() {
    const hide = isNarrow() && !sidebarOpen();
    $('filter-form').inert = hide;
    $('project-list').inert = hide;
  }
  function setSidebar(open) {
    document.body.classList.toggle('sidebar-open', open);
    sidebarBtn.setAttribute('aria-expanded', String(open));
    peekBtn.setAttribute('aria-expanded', String(open));
    syncInert();
    if (open) sidebarEl.querySelector('select')?.focus();
  }
  narrowQuery.addEventListener('change', syncInert);
  syncInert();
  sidebarBtn.addEventListener('click', () => setSidebar(!sidebarOpen()));
  peekBtn.addEventListener('click', () => setSidebar(!sidebarOpen()));
  $('btn-sidebar-close').addEventListener('click', () => {
    setSidebar(false);
    sidebarBtn.focus();
  });

  // ---- layers ----
  const zones = createZones(map, { onProjectsToggle: (on) => toggleProjects(on), onColourBy: (m) => setColourMode(m) });
  const layersPanel = $('layers-panel');
  const layersBtn = $('btn-layers');
  function setLayersPanel(open) {
    layersPanel.hidden = !open;
    layersBtn.setAttribute('aria-expanded', String(open));
    if (open) layersPanel.querySelector('input, button, summary')?.focus();
  }
  layersBtn.addEventListener('click', () => setLayersPanel(layersPanel.hidden));
  $('btn-layers-close').addEventListener('click', () => {
    setLayersPanel(false);
    layersBtn.focus();
  });

  // ---- projects ----
  const sidebar = createSidebar({
    onFilterChange: (f) => {
      state.filter = f;
      state.verdictsError = false; // a new choice tries the verdicts again after a failure
      refilter();
    },
    onSelect: (id, opts) => select(id, opts),
  });

  /** Pixels of the map hidden under the drawer: on the right when it floats, below as a sheet. */
  function coveredBy() {
    if (drawer.hidden) return { right: 0, bottom: 0 };
    const mapBox = map.getContainer().getBoundingClientRect();
    const box = drawer.getBoundingClientRect();
    return {
      right: Math.max(0, mapBox.right - box.left) * (box.top <= mapBox.top + 1 ? 1 : 0),
      bottom: box.top > mapBox.top + 1 ? Math.max(0, mapBox.bottom - box.top) : 0,
    };
  }
  const projectLayer = createProjectLayer(map, { onSelect: (id, opts) => select(id, opts), coveredBy });
  projectLayer.addTo();
  function toggleProjects(on) {
    projectLayer.setVisible(on);
  }

  const panel = createProjectPanel({
    onClose: () => {
      select(null);
    },
    onZoom: (id) => projectLayer.select(state.byId.get(id), { pan: true }),
  });

  function select(id, { pan = true, focus = true } = {}) {
    const p = id ? state.byId.get(String(id)) : null;
    state.selectedId = p ? p.id : null;
    sidebar.markSelected(state.selectedId);
    if (p) {
      panel.show(p);
      openDrawer('project');
      if (isNarrow()) setSidebar(false);
      map.invalidateSize();
      projectLayer.select(p, { pan });
      if (focus) projectPanelEl.focus({ preventScroll: true });
    } else {
      projectLayer.select(null);
      panel.hide();
      if (!checkPanelEl.hidden) openDrawer('check');
      else closeDrawer();
    }
    updateUrl();
  }

  function refilter() {
    const waiting = needsVerdicts(state.filter) && !state.verdicts;
    state.shown = applyFilter(state.projects, state.filter, state.verdicts);
    projectLayer.setProjects(state.shown);
    sidebar.renderList(state.shown, state.projects.length, state.selectedId,
      waiting ? (state.verdictsError ? 'error' : 'loading') : null);
    updateLegend();
    updateUrl();
    if (waiting && !state.verdictsError) loadVerdicts();
  }

  /**
   * Fetches the verdicts once (shared loader), then redraws whatever uses them: the filter,
   * the list and counts, the colouring and its legend.
   */
  async function loadVerdicts() {
    if (state.verdicts) return;
    state.verdictsError = false;
    try {
      state.verdicts = (await verdictLoader.load()).verdicts;
    } catch {
      if (state.verdictsError) return; // the other user of the loader has said so already
      state.verdictsError = true;
      toast(t('colourBy.summaryError'), 'error');
    }
    if (needsVerdicts(state.filter)) refilter();
    else updateLegend();
    if (state.colourMode === 'compliance') projectLayer.setColouring(currentColouring());
  }

  function currentColouring() {
    return colouring(state.colourMode, state.verdicts || new Map());
  }

  function updateLegend() {
    const c = currentColouring();
    const counts = countByKey(c, state.shown);
    let note = null;
    if (c.mode === 'compliance' && !state.verdicts) note = t(state.verdictsError ? 'colourBy.summaryError' : 'colourBy.loading');
    zones.setProjectLegend({
      mode: c.mode,
      note,
      items: c.keys.map((k) => ({ key: k, colour: c.colour(k), token: c.token(k), label: colourKeyLabel(c.mode, k), count: counts[k] || 0 })),
    });
  }

  /** Colours the projects by status, category or compliance; the verdicts are fetched on first use. */
  async function setColourMode(mode) {
    state.colourMode = COLOUR_MODES.includes(mode) ? mode : 'status';
    projectLayer.setColouring(currentColouring());
    updateLegend();
    updateUrl();
    if (state.colourMode === 'compliance') await loadVerdicts();
  }

  // ---- tools ----
  const check = createCheckTool(map, { isDrawing, onDrawStart });
  const measure = createMeasureTool(map, { isDrawing, onDrawStart, onDrawStop });
  tools.check = check;
  tools.measure = measure;
  checkBtn.addEventListener('click', () => {
    if (!checkPanelEl.hidden) {
      closeDrawer();
      if (state.drawMode === 'check') {
        map.pm.disableDraw();
        check.stopDrawing();
      }
      return;
    }
    openDrawer('check');
    checkPanelEl.focus({ preventScroll: true });
  });
  $('btn-check-close').addEventListener('click', () => {
    if (state.drawMode === 'check') map.pm.disableDraw();
    check.stopDrawing();
    if (state.selectedId) openDrawer('project');
    else closeDrawer();
    checkBtn.focus();
  });
  map.on('pm:drawstart', () => map.getContainer().classList.add('is-drawing'));
  map.on('pm:drawend', () => {
    map.getContainer().classList.remove('is-drawing');
    if (state.drawMode === 'check') state.drawMode = null;
  });

  $('btn-fit').addEventListener('click', () => {
    const pts = state.shown.filter((p) => p.point).map((p) => [p.point[1], p.point[0]]);
    if (pts.length) map.fitBounds(L.latLngBounds(pts), { padding: [30, 30], maxZoom: 16 });
    if (isNarrow()) setSidebar(false);
  });

  // Escape closes the innermost open thing.
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    if (state.drawMode) {
      map.pm.disableDraw();
      check.stopDrawing();
      measure.stop();
      state.drawMode = null;
    } else if (!layersPanel.hidden) {
      setLayersPanel(false);
      layersBtn.focus();
    } else if (!drawer.hidden) {
      if (!checkPanelEl.hidden) $('btn-check-close').click();
      else select(null);
    } else if (sidebarOpen()) {
      setSidebar(false);
    }
  });

  onLangChange(() => {
    map.pm.setLang(geomanLang());
    sidebar.relabel();
    panel.relabel();
    updateLegend();
    projectLayer.relabel();
    check.relabel();
    measure.relabel();
  });

  // ---- data ----
  state.filter = parseFilter(location.search);
  const wantedProject = new URLSearchParams(location.search).get('project');
  const wantedColour = new URLSearchParams(location.search).get('colour');
  const status = $('map-status');

  const [configR, layersR, projectsR] = await data;
  if (configR.status === 'fulfilled') zones.setBasemap(configR.value);
  if (layersR.status === 'fulfilled') zones.setCatalogue(layersR.value);
  else toast(t('layers.catalogueError'), 'error');

  if (projectsR.status === 'fulfilled') {
    state.projects = normaliseProjects(projectsR.value);
    state.byId = new Map(state.projects.map((p) => [p.id, p]));
    sidebar.setProjects(state.projects);
    sidebar.setFilter(state.filter);
    refilter();
    if (wantedColour && wantedColour !== 'status') setColourMode(wantedColour);
    status.hidden = true;
    if (wantedProject && state.byId.has(wantedProject)) select(wantedProject, { pan: true, focus: false });
  } else {
    status.textContent = t('map.loadError');
    status.classList.add('is-error');
    sidebar.renderList([], 0, null);
  }

  window.projmap = { map, state, select };
  if (projectsR.status === 'fulfilled') {
    // Browser tests wait for this flag; it means the projects are on the map and in the list.
    performance.mark('map-interactive');
    window.projmapReady = true;
    document.dispatchEvent(new CustomEvent('projmap:ready'));
  }
}

main().catch((e) => {
  // A failure here leaves a page without a map: say so on the page, not only in the console.
  const status = document.getElementById('map-status');
  if (status) {
    status.hidden = false;
    status.textContent = `${t('map.loadError')} (${e.message})`;
    status.classList.add('is-error');
  }
  throw e;
});
