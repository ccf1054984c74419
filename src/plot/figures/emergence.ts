import type { PanelPlan } from '../../experiment/reproductions.ts';
import type { TimeGroup } from '../../results/aggregate.ts';
import { panels } from '../compose.ts';
import { lineChart } from '../lineChart.ts';
import { FIG1_AXES } from './fig1.ts';
import { FIG11_AXES } from './fig11.ts';
import { type Figure, panelData } from './figure.ts';
import { type FittedConstant, PAPER_CONSTANTS, timePanel } from './network.ts';

// The paper's claim in one figure (§5, Fig. 11(a) → Fig. 1(a)): B² fitted on single-skill runs predicts when
// each of five skills emerges in time. Both panels are network mean ± 1 std over seeds against Eq. 14.

/** A time panel's runs and the store's mean ± std of their R_k/S by step. */
export interface TimePanelData {
  panel: PanelPlan;
  group: TimeGroup;
}

export interface TimeEmergenceInput {
  /** The n_s = 1 runs B² is fitted on (Fig. 11(a)). */
  calibration: TimePanelData;
  /** The n_s = 5 runs it predicts (Fig. 1(a)). */
  prediction: TimePanelData;
  B2: FittedConstant;
  /** What was cut from the paper's scale, in words; null at full scale. */
  cut: string | null;
  /** The calibration's agreement table, stored in the JSON as given. */
  agreement: unknown;
}

/** Fig. 11(a) → Fig. 1(a): B² fitted on one skill, five skills predicted. */
export function emergenceFigure(input: TimeEmergenceInput): Figure<'emergence'> {
  const { calibration, prediction, B2, cut } = input;
  const charts = [
    timePanel(
      calibration.panel,
      calibration.group,
      B2,
      FIG11_AXES.time,
      '(a) n_s = 1: B² fitted (Fig. 11(a))',
    ),
    timePanel(prediction.panel, prediction.group, B2, FIG1_AXES.time, '(b) n_s = 5: predicted (Fig. 1(a))'),
  ];
  const title = 'Time emergence: B² fitted on one skill predicts when each of five skills emerges';
  const subtitle = [
    'network: mean ± 1 std over seeds (dashed, shaded); Eq. 14 with the fitted B² (solid) and the paper’s 1/22 (dotted)',
    ...(cut === null ? [] : [cut]),
  ];
  return {
    id: 'emergence',
    title,
    params: {
      cut,
      constants: { fitted: { B2 }, paper: { B2: PAPER_CONSTANTS.B2 } },
      equations: ['Eq. 14'],
      panels: [calibration, prediction].map(({ panel }) => ({
        preset: panel.preset,
        set: panel.set,
        seeds: panel.seeds,
      })),
    },
    data: {
      panels: charts.map(panelData),
      aggregates: { calibration: calibration.group, prediction: prediction.group },
      agreement: input.agreement,
      runs: [...calibration.panel.runs, ...prediction.panel.runs],
    },
    spec: panels(charts.map(lineChart), { text: title, subtitle }),
  };
}
