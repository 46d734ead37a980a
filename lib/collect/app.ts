// App part: engine layout and properties, the appprops object (theme), REST attributes and
// privileges, the signed-in user. Section access and Direct Query are true when any source says so.
import type { Access, AppInfo } from '../snapshot/schema';
import { getApp, getMe } from '../qlik/rest/endpoints';
import { type CollectContext, attempt, engineCall, restCall } from './context';
import { QlikObject } from '../schema/qlik-object';
import { AppLayout } from './engine-schemas';
import { listAppProps } from './lists';
import { thumbnailUrl } from './tree';


export interface AppParts {
  layout: QlikObject;
  properties: QlikObject;
  appprops?: QlikObject;
  attributes?: QlikObject;
  privileges?: string[];
  user?: { id: string; name?: string };
}

export async function collectAppParts(ctx: CollectContext): Promise<AppParts> {
  const [layout, properties, appprops, restApp, me] = await Promise.all([
    engineCall(ctx, 'GetAppLayout', () => ctx.doc.getAppLayout()).then((l) => AppLayout.parse(l)),
    engineCall(ctx, 'GetAppProperties', () => ctx.doc.getAppProperties()).then((p) => QlikObject.parse(p ?? {})),
    attempt(ctx, 'app', async () => {
      const [item] = await listAppProps(ctx);
      if (!item) return undefined;
      const object = await engineCall(ctx, 'GetObject (appprops)', () => ctx.doc.getObject(item.qInfo.qId));
      return QlikObject.parse(await engineCall(ctx, 'GetProperties (appprops)', () => object.getProperties()));
    }),
    ctx.rest ? attempt(ctx, 'app', () => restCall(ctx, (rest) => getApp(rest, ctx.appId))) : undefined,
    ctx.rest ? attempt(ctx, 'access', () => restCall(ctx, (rest) => getMe(rest))) : undefined,
  ]);
  return {
    layout,
    properties,
    ...(appprops ? { appprops } : {}),
    ...(restApp ? { attributes: restApp.attributes, privileges: restApp.privileges } : {}),
    ...(me ? { user: { id: me.id, ...(me.name ? { name: me.name } : {}) } } : {}),
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function buildAppInfo(parts: AppParts, appId: string): AppInfo {
  const { layout, properties, attributes = {}, appprops } = parts;
  const pick = (...values: unknown[]): string | undefined => values.map(str).find((v) => v !== undefined);
  const flag = (...values: unknown[]): boolean => values.some((v) => v === true);
  const thumbnail = pick(attributes.thumbnail, thumbnailUrl(layout.qThumbnail), thumbnailUrl(properties.qThumbnail));
  const description = pick(attributes.description, layout.description, properties.description);
  const optional = (key: string, value: string | undefined) => (value !== undefined ? { [key]: value } : {});
  return {
    id: pick(attributes.id, layout.id) ?? appId,
    name: pick(attributes.name, layout.qTitle, properties.qTitle) ?? appId,
    ...optional('description', description),
    ...optional('thumbnail', thumbnail),
    published: flag(attributes.published, layout.published),
    ...optional('publishTime', pick(attributes.publishTime, layout.publishTime)),
    ...optional('ownerId', pick(attributes.ownerId, layout.ownerId)),
    ...optional('spaceId', pick(attributes.spaceId, layout.spaceId)),
    ...optional('usage', pick(attributes.usage, layout.qUsage, properties.qUsage)),
    directQuery: flag(attributes.isDirectQueryMode, layout.qIsDirectQueryMode, properties.qIsDirectQueryMode) ||
      pick(attributes.usage, layout.qUsage) === 'DIRECT_QUERY_MODE',
    sectionAccess: flag(attributes.hasSectionAccess, layout.hassectionaccess, layout.qHasSectionAccess, properties.qHasSectionAccess),
    ...optional('lastReloadTime', pick(attributes.lastReloadTime, layout.qLastReloadTime)),
    ...optional('createdDate', pick(attributes.createdDate, layout.createdDate)),
    ...optional('modifiedDate', pick(attributes.modifiedDate, layout.modifiedDate)),
    ...optional('theme', pick(appprops?.theme)),
    alternateStates: Array.isArray(layout.qStateNames) ? layout.qStateNames.filter((s): s is string => typeof s === 'string') : [],
    ...(typeof layout.qHasScript === 'boolean' ? { hasScript: layout.qHasScript } : {}),
    ...(parts.attributes ? { attributes: parts.attributes } : {}),
    layout,
    properties,
    ...(appprops ? { appprops } : {}),
  };
}

export function buildAccess(parts: AppParts, canReadScript: boolean): Access {
  const fromLayout = Array.isArray(parts.layout.privileges) ? parts.layout.privileges.filter((p): p is string => typeof p === 'string') : [];
  const privileges = parts.privileges ?? fromLayout;
  return {
    ...(parts.user ? { userId: parts.user.id, ...(parts.user.name ? { userName: parts.user.name } : {}) } : {}),
    privileges,
    canEdit: privileges.includes('update'),
    canReadScript,
    canReload: privileges.includes('reload'),
  };
}
