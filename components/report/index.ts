// The side panel's report, with its stylesheet. Pages import from here; tests and the bench import
// ReportView.tsx directly (Node cannot load CSS).
import './report.css';

export { ReportView, REPORT_TABS, type ReportTab, type ReportViewProps } from './ReportView';
