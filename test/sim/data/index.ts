export { dataModelFromTablesAndKeys, dataModelFromFieldList, emptyDataModel, type DataModel, type TablesAndKeys } from './data-model';
export { fieldValue, tableRows, aggregate, SAMPLE_ROWS } from './generate';
export { calcCostMs } from './cost';
