// What an inspection recorded against its checklist: each item's result, note, photos and the hazard it became;
// and the two signatures as drawn. On a phone one card an item.
import { Card, Flex, Image, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { type InspectionItemResultView, SIGNER_ROLES } from '../../../../shared/src/checklists';
import { ITEM_RESULT_LABELS, SIGNER_ROLE_LABELS } from '../../../../shared/src/labels';
import { useI18n } from '../../app/i18n';
import { formatTime } from '../../app/time';
import { CriterionMark } from '../checklists/ChecklistDetail';
import { GradeTag } from '../hazards/common';
import { PhotoStrip } from '../hazards/photos';
import type { Inspection } from './InspectionForm';
import '../checklists/checklists.css';

const RESULT_COLORS: Record<string, string> = { pass: 'green', fail: 'red', na: 'default' };

export function ResultTag({ result }: { result: string }) {
  const { l } = useI18n();
  return (
    <Tag color={RESULT_COLORS[result]} variant={result === 'fail' ? 'solid' : 'filled'} data-testid="item-result">
      {l(ITEM_RESULT_LABELS, result)}
    </Tag>
  );
}

export function InspectionResults({ inspection }: { inspection: Inspection }) {
  const { t } = useI18n();
  const r = t.record;
  const counts = inspection.resultCounts;
  return (
    <Card
      size="small"
      title={r.results}
      extra={counts && <span className="hazard-hint">{r.resultCounts(counts.pass, counts.fail, counts.na)}</span>}
    >
      {inspection.items.length === 0 ? (
        <Typography.Text type="secondary">{r.noResults}</Typography.Text>
      ) : (
        <div className="result-list" data-testid="inspection-results">
          {inspection.items.map((item) => (
            <ResultRow key={item.itemId} item={item} />
          ))}
        </div>
      )}
    </Card>
  );
}

function ResultRow({ item }: { item: InspectionItemResultView }) {
  const { t } = useI18n();
  const r = t.record;
  return (
    <div className={`result-row result-row-${item.result}`} data-testid="inspection-result-row">
      <div className="result-row-head">
        <span className="record-item-seq">{item.seq}.</span>
        <span className="result-row-content">{item.content}</span>
        <ResultTag result={item.result} />
      </div>
      <Flex gap={8} wrap className="result-row-meta">
        {item.basis && (
          <span className="hazard-hint">
            {r.basis}：{item.basis}
          </span>
        )}
        <CriterionMark item={item} />
      </Flex>
      {item.note && <div className="result-row-note">{item.note}</div>}
      {item.photos.length > 0 && <PhotoStrip ids={item.photos.map((p) => p.id)} />}
      {item.hazard && (
        <Link to={`/hazards?hazard=${item.hazard.id}`} className="inspection-hazard-link" data-testid="result-hazard">
          {r.hazardLink} <span className="hazard-serial">{item.hazard.serial}</span>{' '}
          <GradeTag grade={item.hazard.grade} />
        </Link>
      )}
    </div>
  );
}

export function InspectionSignatures({ inspection }: { inspection: Inspection }) {
  const { t, l } = useI18n();
  const r = t.record;
  return (
    <Card size="small" title={r.signatures}>
      {inspection.signatures.length === 0 ? (
        <Typography.Text type="secondary">{r.noSignatures}</Typography.Text>
      ) : (
        <div className="signature-list" data-testid="inspection-signatures">
          {[...inspection.signatures]
            .sort((a, b) => SIGNER_ROLES.indexOf(a.role) - SIGNER_ROLES.indexOf(b.role))
            .map((s) => (
              <figure key={s.role} className="signature-figure" data-testid={`signature-${s.role}`}>
                <Image src={s.url} alt={l(SIGNER_ROLE_LABELS, s.role)} className="signature-image" />
                <figcaption>
                  <div>{l(SIGNER_ROLE_LABELS, s.role)}</div>
                  <Typography.Text type="secondary" className="hazard-hint">
                    {r.signedAt(s.signerName, formatTime(s.signedAt))}
                  </Typography.Text>
                </figcaption>
              </figure>
            ))}
        </div>
      )}
    </Card>
  );
}
