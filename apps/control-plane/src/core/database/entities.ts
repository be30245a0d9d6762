import { SettingEntity } from './setting.entity';
import { UserEntity } from '../../modules/users/user.entity';
import { AuditEntryEntity } from '../../modules/audit/audit-entry.entity';
import { ProviderEntity } from '../../modules/catalog/provider.entity';
import { ModelEntity } from '../../modules/catalog/model.entity';
import { ModelPriceEntity } from '../../modules/catalog/model-price.entity';
import { PolicyDraftEntity } from '../../modules/policies/policy-draft.entity';
import { PolicyVersionEntity } from '../../modules/policies/policy-version.entity';
import { ApiKeyEntity } from '../../modules/keys/api-key.entity';
import { ProxyEntity } from '../../modules/fleet/proxy.entity';
import { RolloutEntity } from '../../modules/rollouts/rollout.entity';
import { BudgetEntity } from '../../modules/budgets/budget.entity';
import { BudgetAlertEntity } from '../../modules/budgets/budget-alert.entity';
import { BlockedTeamEntity } from '../../modules/budgets/blocked-team.entity';

/** Every entity, listed explicitly (no globs). */
export const ENTITIES = [
  SettingEntity,
  UserEntity,
  AuditEntryEntity,
  ProviderEntity,
  ModelEntity,
  ModelPriceEntity,
  PolicyDraftEntity,
  PolicyVersionEntity,
  ApiKeyEntity,
  ProxyEntity,
  RolloutEntity,
  BudgetEntity,
  BudgetAlertEntity,
  BlockedTeamEntity,
];
