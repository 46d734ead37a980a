// What an analysis costs on an analyzer-capacity subscription, in one sentence for the options page
// and the popup before an app's first analysis. Qlik Cloud counts analyzer capacity in six-minute
// units per opened app ("Analyzer Capacity license", help.qlik.com/en-US/cloud-services/Subsystems/
// Hub/Content/Sense_Hub/Introduction/analyzer-capacity-consumption.htm).
export const CAPACITY_NOTE =
  'An analysis opens the app like the Qlik client does; with analyzer capacity it can consume a unit, as opening the app yourself would.';
