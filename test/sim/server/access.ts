// What a user may do with an app, following Qlik Cloud spaces:
// the owner can do everything; in a shared space a developer has "can edit" and a viewer
// "can view"; an app in someone else's personal space (no spaceId) is not visible at all
// (engine close 4203 "no permission to open the app" [V: @qlik/api websocket-errors]).
import type { SimApp, SimUser } from '../types';
import type { Tenant } from './tenant';

export type AppAccess = 'owner' | 'edit' | 'read' | 'none';

/** the owner as a user; the loader may name it by role ("developer"), id, e-mail or subject */
export function ownerOf(tenant: Tenant, app: SimApp): SimUser {
  const named = [app.attributes.ownerId, app.attributes.owner].filter((v): v is string => typeof v === 'string');
  return tenant.allUsers().find((u) => named.some((n) => n === u.id || n === u.role || n === u.email || n === u.subject)) ?? tenant.users.developer;
}

export function appAccess(tenant: Tenant, app: SimApp, user: SimUser): AppAccess {
  if (tenant.accessRevoked(user.id, app.id)) return 'none';
  if (ownerOf(tenant, app).id === user.id) return 'owner';
  if (typeof app.attributes.spaceId !== 'string') return 'none';
  return user.role === 'developer' ? 'edit' : 'read';
}

/**
 * `NxApp.privileges`. The owner list is a real tenant's answer [V: engine.md 6.1];
 * the can-edit and can-view subsets are inferred from the space role descriptions [I].
 */
export function appPrivileges(access: AppAccess): string[] {
  switch (access) {
    case 'owner':
      return ['read', 'update', 'delete', 'reload', 'export', 'duplicate', 'change_owner', 'change_space', 'export_reduced', 'source', 'exportappdata'];
    case 'edit':
      return ['read', 'update', 'reload', 'export', 'duplicate', 'export_reduced', 'source', 'exportappdata'];
    case 'read':
      return ['read', 'export', 'export_reduced', 'exportappdata'];
    case 'none':
      return [];
  }
}

export function canEdit(access: AppAccess): boolean {
  return access === 'owner' || access === 'edit';
}
