// The publish state of the app and its sheets (published, approved, owner) is item meta: the
// engine gives it in every layout (`qMeta`), an app folder does not keep it (its objects hold their
// `qMetaDef` only). A snapshot without it carries the collection issue PUBLISH_STATE_UNKNOWN, so the
// rules that read it (the `publishState` need, lib/analyze/needs.ts) say they could not run
// instead of reading the `published: false` the snapshot's shape needs as "private".

/** Collection issue code (part `app`) of a snapshot that does not know what is published. */
export const PUBLISH_STATE_UNKNOWN = 'PUBLISH_STATE_UNKNOWN';
