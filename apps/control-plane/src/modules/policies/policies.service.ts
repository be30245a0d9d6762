import { Injectable, NotFoundException } from '@nestjs/common';
import {
  diffJson,
  policyContent,
  SEED_POLICY,
  validatePolicy,
  type DiffEntry,
  type DraftValidation,
  type PolicyDraft,
  type PolicyVersionDetail,
  type PolicyVersionSummary,
  type SavedPolicyDraft,
} from '@switchyard/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { validationError } from '../../core/http/zod-validation.pipe';
import { AuditService } from '../audit/audit.service';
import { catalogEntries, loadCatalog } from '../catalog/catalog-data';
import { PolicyDraftEntity } from './policy-draft.entity';
import { PolicyPublisher, toVersionDetail, toVersionSummary } from './policy-publisher';
import { PolicyVersionEntity } from './policy-version.entity';

/** A side of a diff: a published version number or `draft:<uuid>`. */
export type PolicyRef = { kind: 'version'; version: number } | { kind: 'draft'; id: string };

/** Drafts, published versions, rollback and diff. Publishing itself is PolicyPublisher's. */
@Injectable()
export class PoliciesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly publisher: PolicyPublisher,
  ) {}

  // ── versions ──────────────────────────────────────────────────────────────

  async live(): Promise<PolicyVersionDetail> {
    const row = await this.publisher.latest(this.dataSource.manager);
    if (!row) throw new NotFoundException('No policy version has been published yet: publish a draft first.');
    return toVersionDetail(row);
  }

  async versions(): Promise<PolicyVersionSummary[]> {
    const rows = await this.dataSource
      .getRepository(PolicyVersionEntity)
      .createQueryBuilder('v')
      .select(['v.version', 'v.hash', 'v.author', 'v.message', 'v.publishedAt', 'v.rolledBackFrom'])
      .orderBy('v.version', 'DESC')
      .getMany();
    return rows.map(toVersionSummary);
  }

  async version(version: number): Promise<PolicyVersionDetail> {
    return toVersionDetail(await this.findVersion(this.dataSource.manager, version));
  }

  /** Publishes an earlier version's policy, re-snapshotted against today's catalog, as a new version. */
  async rollback(version: number, message: string | undefined, actor: string): Promise<PolicyVersionDetail> {
    const row = await this.dataSource.transaction(async (m) => {
      const target = await this.findVersion(m, version);
      return this.publisher.publishIn(m, {
        content: target.snapshot.policy,
        author: actor,
        message: message?.trim() || `Rollback to version ${version}`,
        rolledBackFrom: version,
        whenUnchanged: 'publish',
        source: 'rollback',
      });
    });
    await this.publisher.announce(row);
    return toVersionDetail(row!, false);
  }

  async diff(from: PolicyRef, to: PolicyRef): Promise<DiffEntry[]> {
    const [a, b] = await Promise.all([this.contentOf(from), this.contentOf(to)]);
    return diffJson(a, b);
  }

  // ── drafts ────────────────────────────────────────────────────────────────

  async drafts(): Promise<PolicyDraft[]> {
    const rows = await this.dataSource.getRepository(PolicyDraftEntity).find({ order: { updatedAt: 'DESC' } });
    return rows.map(toDraft);
  }

  async draft(id: string): Promise<PolicyDraft> {
    return toDraft(await this.findDraft(this.dataSource.manager, id));
  }

  /** Without content the draft starts as a copy of the live policy (the starter policy before any publish). */
  async createDraft(req: { name?: string; content?: unknown }, actor: string): Promise<PolicyDraft> {
    const row = await this.dataSource.transaction(async (m) => {
      const live = await this.publisher.latest(m);
      const content = req.content !== undefined ? req.content : (live?.snapshot.policy ?? SEED_POLICY);
      if (content === null) throw nullContent();
      const saved = await m.getRepository(PolicyDraftEntity).save({
        name: req.name ?? (live ? `Draft from version ${live.version}` : 'New policy'),
        baseVersion: live?.version ?? null,
        content,
        createdBy: actor,
        updatedBy: actor,
      });
      await this.audit.record({ actor, action: 'policy.draft.create', target: saved.id, details: { name: saved.name, baseVersion: saved.baseVersion } }, m);
      return saved;
    });
    return toDraft(row);
  }

  /** Saves the content as given — valid or not — and says what is wrong with it. */
  async updateDraft(id: string, req: { name?: string; content?: unknown }, actor: string): Promise<SavedPolicyDraft> {
    if (req.content === undefined || req.content === null) throw nullContent();
    const row = await this.dataSource.transaction(async (m) => {
      const draft = await this.findDraft(m, id);
      draft.content = req.content;
      if (req.name !== undefined) draft.name = req.name;
      draft.updatedBy = actor;
      const saved = await m.getRepository(PolicyDraftEntity).save(draft);
      await this.audit.record({ actor, action: 'policy.draft.update', target: id, details: { name: saved.name } }, m);
      return saved;
    });
    return { ...toDraft(row), validation: await this.validateContent(row.content) };
  }

  async validateDraft(id: string): Promise<DraftValidation> {
    const draft = await this.findDraft(this.dataSource.manager, id);
    return this.validateContent(draft.content);
  }

  async publishDraft(id: string, message: string, actor: string): Promise<PolicyVersionDetail> {
    const row = await this.dataSource.transaction(async (m) => {
      const draft = await this.findDraft(m, id);
      return this.publisher.publishIn(m, { content: draft.content, author: actor, message, whenUnchanged: 'conflict', source: 'draft' });
    });
    await this.publisher.announce(row);
    return toVersionDetail(row!, false);
  }

  async deleteDraft(id: string, actor: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const r = await m.getRepository(PolicyDraftEntity).delete({ id });
      if (!r.affected) throw new NotFoundException(`No policy draft with id ${id}.`);
      await this.audit.record({ actor, action: 'policy.draft.delete', target: id }, m);
    });
  }

  // ── helpers ───────────────────────────────────────────────────────────────

  private async validateContent(content: unknown): Promise<DraftValidation> {
    const catalog = await loadCatalog(this.dataSource.manager);
    const r = validatePolicy(content, catalogEntries(catalog));
    return r.ok ? { ok: true, issues: [] } : { ok: false, issues: r.issues };
  }

  /** Policy content as compared by diff: a draft with its defaults filled in when it parses, so only real edits show. */
  private async contentOf(ref: PolicyRef): Promise<unknown> {
    if (ref.kind === 'version') return (await this.findVersion(this.dataSource.manager, ref.version)).snapshot.policy;
    const content = (await this.findDraft(this.dataSource.manager, ref.id)).content;
    const parsed = policyContent.safeParse(content);
    return parsed.success ? parsed.data : content;
  }

  private async findVersion(m: EntityManager, version: number): Promise<PolicyVersionEntity> {
    const row = await m.getRepository(PolicyVersionEntity).findOneBy({ version });
    if (!row) throw new NotFoundException(`No policy version ${version}.`);
    return row;
  }

  private async findDraft(m: EntityManager, id: string): Promise<PolicyDraftEntity> {
    const row = await m.getRepository(PolicyDraftEntity).findOneBy({ id });
    if (!row) throw new NotFoundException(`No policy draft with id ${id}.`);
    return row;
  }
}

function nullContent() {
  return validationError('Invalid request body', [{ path: 'content', message: 'send the policy content (it is saved even when invalid)' }]);
}

function toDraft(r: PolicyDraftEntity): PolicyDraft {
  return {
    id: r.id,
    name: r.name,
    baseVersion: r.baseVersion,
    content: r.content as PolicyDraft['content'],
    createdBy: r.createdBy,
    updatedBy: r.updatedBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
