// One hazard, everything about it: its record, the criterion it was judged against (with version and 待核对), the
// photos before and after, the 五落实 plan of a major hazard, listing, extension requests and the timeline of every
// step (who, when, what, why, photos), with the buttons the signed-in role may use now.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Drawer, Empty, Flex, Space, Tag, Timeline, Typography } from 'antd';
import { STATUS_NAMES } from '../../../../shared/src/hazards';
import { api } from '../../app/api';
import { formatTime } from '../../app/time';
import { PageLoading } from '../../app/ui/PageLoading';
import { QueryError } from '../../app/ui/QueryError';
import { HazardPenalties } from '../enforcement/HazardPenalties';
import { type HazardDetail as Detail, GradeTag, HazardMarks, hazardKeys, useIsMobile } from './common';
import { HazardActions } from './HazardActions';
import { IssuedDocuments } from './IssuedDocuments';
import {
  EXTENSION_STATUS_COLORS,
  EXTENSION_STATUS_LABELS,
  HAZARD_CATEGORY_LABELS,
  HAZARD_DOMAIN_LABELS,
  HAZARD_EVENT_COLORS,
  HAZARD_EVENT_LABELS,
  HAZARD_SOURCE_LABELS,
  HAZARD_STATUS_LABELS,
  LISTING_LEVEL_LABELS,
  STOPPAGE_LABELS,
} from './labels';
import { PlanCard } from './PlanCard';
import { PhotoStrip } from './photos';
import { useRecordText } from './recordText';
import { useHazardText } from './text';

export function HazardDetailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { h } = useHazardText();
  const mobile = useIsMobile();
  const detail = useQuery({
    queryKey: hazardKeys.detail(id ?? ''),
    queryFn: () => api.get<Detail>(`/hazards/${id}`),
    enabled: Boolean(id),
  });
  const hazard = detail.data?.id === id ? detail.data : undefined;
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      size={mobile ? '100%' : 900}
      title={
        hazard ? (
          <Space size={8} wrap>
            <span data-testid="hazard-serial">{hazard.serial}</span>
            <GradeTag grade={hazard.grade} />
          </Space>
        ) : (
          h.detail.title
        )
      }
      destroyOnHidden
    >
      {detail.isError ? (
        <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
      ) : hazard ? (
        <HazardDetailBody hazard={hazard} />
      ) : (
        <PageLoading />
      )}
    </Drawer>
  );
}

/** The evidence of the last submission (or of 即查即改): what the re-check looks at. */
function afterPhotos(hazard: Detail): string[] {
  const last = [...hazard.events].reverse().find((e) => e.action === 'submit' || e.action === 'fixOnSpot');
  return last?.evidence ?? [];
}

function HazardDetailBody({ hazard }: { hazard: Detail }) {
  const { h, l } = useHazardText();
  const { r } = useRecordText();
  const mobile = useIsMobile();
  const d = h.detail;
  const before = hazard.events.filter((e) => e.action === 'create').flatMap((e) => e.evidence);
  const after = afterPhotos(hazard);
  const listed = hazard.listing && !hazard.listing.delistedOn;
  const text = (v: string | null | undefined) => v || '—';

  return (
    <div className="hazard-detail" data-testid="hazard-detail">
      {hazard.overdue && hazard.deadline && <Alert type="error" showIcon title={d.overdueAlert(hazard.deadline)} />}
      {hazard.recheckOverdue && hazard.submittedOn && hazard.recheckDueOn && (
        <Alert
          type="warning"
          showIcon
          title={r.overdue.recheckAlert(hazard.submittedOn, hazard.recheckDueOn)}
          data-testid="hazard-recheck-overdue-alert"
        />
      )}
      {listed && hazard.listing && (
        <Alert
          type="warning"
          showIcon
          title={`${l(LISTING_LEVEL_LABELS, hazard.listing.level)} · ${d.listedAlert(hazard.listing.unit, hazard.listing.listedOn)}`}
        />
      )}
      {hazard.stoppage !== 'none' && (
        <Alert type="warning" showIcon title={d.stoppageAlert(l(STOPPAGE_LABELS, hazard.stoppage))} />
      )}

      <HazardActions hazard={hazard} />
      <IssuedDocuments hazard={hazard} />
      <HazardPenalties hazard={hazard} />

      <Card size="small" title={d.basics}>
        <Descriptions
          size="small"
          bordered={!mobile}
          column={mobile ? 1 : 2}
          items={[
            { key: 'enterprise', label: d.enterprise, children: hazard.enterpriseName, span: mobile ? 1 : 2 },
            {
              key: 'status',
              label: d.status,
              children: <HazardMarks hazard={hazard} />,
            },
            { key: 'grade', label: d.grade, children: <GradeTag grade={hazard.grade} /> },
            {
              key: 'description',
              label: d.description,
              children: <span data-testid="hazard-description-text">{hazard.description}</span>,
              span: mobile ? 1 : 2,
            },
            { key: 'location', label: d.location, children: text(hazard.location) },
            { key: 'domain', label: d.domain, children: l(HAZARD_DOMAIN_LABELS, hazard.domain) },
            { key: 'category', label: d.category, children: l(HAZARD_CATEGORY_LABELS, hazard.category) },
            { key: 'source', label: d.source, children: l(HAZARD_SOURCE_LABELS, hazard.source) },
            { key: 'foundOn', label: d.foundOn, children: hazard.foundOn },
            {
              key: 'deadline',
              label: d.deadline,
              children: hazard.fixedOnSpot ? (
                <Tag color="cyan">{h.ledger.onSpot}</Tag>
              ) : (
                <Typography.Text type={hazard.overdue ? 'danger' : undefined} data-testid="hazard-deadline-text">
                  {text(hazard.deadline)}
                </Typography.Text>
              ),
            },
            { key: 'responsible', label: d.responsible, children: text(hazard.responsiblePerson) },
            { key: 'stoppage', label: d.stoppage, children: l(STOPPAGE_LABELS, hazard.stoppage) },
            { key: 'requirement', label: d.requirement, children: text(hazard.requirement), span: mobile ? 1 : 2 },
            { key: 'basis', label: d.basis, children: text(hazard.basis), span: mobile ? 1 : 2 },
            ...(hazard.downgradeReason
              ? [{ key: 'downgrade', label: d.downgradeReason, children: hazard.downgradeReason, span: mobile ? 1 : 2 }]
              : []),
            ...(hazard.submittedOn
              ? [
                  {
                    key: 'submittedOn',
                    label: r.overdue.submittedOn,
                    children: (
                      <span>
                        {hazard.submittedOn}
                        {hazard.recheckDueOn && (
                          <Typography.Text
                            type={hazard.recheckOverdue ? 'danger' : 'secondary'}
                            className="hazard-version"
                          >
                            {r.overdue.recheckDue(hazard.recheckDueOn)}
                          </Typography.Text>
                        )}
                      </span>
                    ),
                  },
                ]
              : []),
            { key: 'createdAt', label: d.createdAt, children: formatTime(hazard.createdAt) },
            { key: 'closedAt', label: d.closedAt, children: formatTime(hazard.closedAt) },
          ]}
        />
      </Card>

      <Card size="small" title={d.criterion} data-testid="hazard-criterion">
        {hazard.criterion ? (
          <div>
            <Space size={8} wrap>
              <Typography.Text strong>{hazard.criterion.code}</Typography.Text>
              <Tag>{d.version(hazard.criterion.version)}</Tag>
              {!hazard.criterion.verified && (
                <Tag color="orange" title={d.unverifiedHint} data-testid="criterion-unverified">
                  {d.unverified}
                </Tag>
              )}
            </Space>
            <Typography.Paragraph className="hazard-criterion-item">{hazard.criterion.item}</Typography.Paragraph>
          </div>
        ) : (
          <Typography.Text type="secondary">{d.noCriterion}</Typography.Text>
        )}
      </Card>

      <Card size="small" title={d.photos}>
        <div className="hazard-photos">
          <div>
            <div className="hazard-photos-label">{d.before}</div>
            <PhotoStrip ids={before} testId="photos-before" />
          </div>
          <div>
            <div className="hazard-photos-label">{d.after}</div>
            <PhotoStrip ids={after} testId="photos-after" />
          </div>
        </div>
      </Card>

      {hazard.grade === 'major' && <PlanCard key={JSON.stringify(hazard.plan)} hazard={hazard} />}

      {hazard.listing && (
        <Card size="small" title={d.listing} data-testid="hazard-listing">
          <Descriptions
            size="small"
            column={mobile ? 1 : 2}
            items={[
              { key: 'level', label: d.listingLevel, children: l(LISTING_LEVEL_LABELS, hazard.listing.level) },
              { key: 'unit', label: d.listingUnit, children: hazard.listing.unit },
              { key: 'on', label: d.listedOn, children: hazard.listing.listedOn },
              {
                key: 'off',
                label: d.delistedOn,
                children: hazard.listing.delistedOn ? (
                  <Tag color="green" data-testid="hazard-delisted">
                    {hazard.listing.delistedOn}
                  </Tag>
                ) : (
                  '—'
                ),
              },
            ]}
          />
        </Card>
      )}

      {hazard.extensions.length > 0 && (
        <Card size="small" title={d.extensions} data-testid="hazard-extensions">
          <Flex vertical gap={12}>
            {hazard.extensions.map((x) => (
              <div key={x.id} className="hazard-extension">
                <Space size={8} wrap>
                  <Tag color={EXTENSION_STATUS_COLORS[x.status]}>{l(EXTENSION_STATUS_LABELS, x.status)}</Tag>
                  <span>
                    {d.previous} {x.previousDeadline ?? '—'} → {d.requested}{' '}
                    <Typography.Text strong>{x.requestedDeadline}</Typography.Text>
                  </span>
                </Space>
                <div>
                  {d.reason}
                  {h.misc.colon}
                  {x.reason}
                </div>
                {x.decisionReason && (
                  <div>
                    {d.decision}
                    {h.misc.colon}
                    {x.decisionReason}
                  </div>
                )}
                <Typography.Text type="secondary" className="hazard-hint">
                  {d.requestedAt} {formatTime(x.requestedAt)}
                  {x.decidedAt ? ` · ${d.decidedAt} ${formatTime(x.decidedAt)}` : ''}
                </Typography.Text>
              </div>
            ))}
          </Flex>
        </Card>
      )}

      <Card size="small" title={d.timeline}>
        {hazard.events.length === 0 ? (
          <Empty />
        ) : (
          <Timeline
            data-testid="hazard-timeline"
            items={hazard.events.map((e, i) => ({
              key: i,
              color: HAZARD_EVENT_COLORS[e.action] ?? 'blue',
              content: (
                <div className="hazard-event" data-testid="timeline-event" data-action={e.action}>
                  <Space size={8} wrap>
                    <Typography.Text strong>{l(HAZARD_EVENT_LABELS, e.action)}</Typography.Text>
                    {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus && (
                      <Typography.Text type="secondary">
                        {statusName(e.fromStatus, l)} → {statusName(e.toStatus, l)}
                      </Typography.Text>
                    )}
                  </Space>
                  <div className="hazard-event-meta" data-testid="timeline-event-time">
                    {e.backfillReason ? (
                      // A back-filled step: the day it happened, and when it was entered.
                      <>
                        <Tag color="gold" className="hazard-event-backfill">
                          {r.backfill.tag}
                        </Tag>
                        {r.backfill.occurred(formatTime(e.occurredAt, 'YYYY-MM-DD'))} ·{' '}
                        {r.backfill.recorded(formatTime(e.recordedAt))}
                      </>
                    ) : (
                      formatTime(e.occurredAt)
                    )}
                    {e.actorName ? ` · ${d.by(e.actorName)}` : ''}
                  </div>
                  {e.backfillReason && (
                    <div className="hazard-event-reason">{r.backfill.reasonShown(e.backfillReason)}</div>
                  )}
                  {e.reason && <div className="hazard-event-reason">{e.reason}</div>}
                  {e.evidence.length > 0 && <PhotoStrip ids={e.evidence} />}
                </div>
              ),
            }))}
          />
        )}
      </Card>
    </div>
  );
}

const statusName = (s: string, l: (dict: typeof HAZARD_STATUS_LABELS, key: string) => string) =>
  s in STATUS_NAMES ? l(HAZARD_STATUS_LABELS, s) : s;
