export {
  runCalibration,
  type CalibrationOptions,
  type CalibrationReport,
  type CalibrationVerdict,
  type RubricCalibration,
} from './run-calibration.js';
export { formatCalibrationTable, formatDisagreements } from './calibration-table.js';
export { agreementMetrics, cohensKappa, type AgreementCounts, type AgreementMetrics } from './agreement.js';
export {
  defaultLabelsFile,
  factsText,
  LabelledReplySchema,
  LabelsFileSchema,
  loadLabels,
  type LabelledReply,
  type LabelsFile,
} from './labels.js';
