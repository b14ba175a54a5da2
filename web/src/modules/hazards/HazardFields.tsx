// The fields of one hazard being recorded, shared by 登记隐患 and by the hazards of an inspection record (a Form.List
// there, so every name may sit under a list index). A criterion of the library makes the hazard 重大 and says so;
// 即查即改 asks for photos after instead of a deadline.
import {
  Alert,
  Col,
  DatePicker,
  Form,
  type FormInstance,
  Input,
  Radio,
  Row,
  Select,
  Switch,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import {
  HAZARD_CATEGORIES,
  HAZARD_DOMAINS,
  HAZARD_GRADES,
  HAZARD_SOURCES,
  type HazardCreate,
} from '../../../../shared/src/hazards';
import { codeOptions } from '../../app/ui/options';
import { parkToday, useHazardRights, useIsMobile } from './common';
import { HAZARD_CATEGORY_LABELS, HAZARD_DOMAIN_LABELS, HAZARD_GRADE_LABELS, HAZARD_SOURCE_LABELS } from './labels';
import { PhotoUpload } from './photos';
import { type Criterion, CriterionPicker } from './pickers';
import { useRecordText } from './recordText';
import { useHazardText } from './text';

/** What the major-hazard alert shows of a criterion (a library item or a checklist item's link to one). */
type CriterionLike = Pick<Criterion, 'code' | 'version' | 'item' | 'verified'>;

/** What the fields hold; dates as dayjs until sent. */
export interface HazardFieldValues {
  description: string;
  location?: string;
  domain: string;
  category?: string;
  source?: string;
  criterionCode?: string;
  grade: string;
  basis?: string;
  requirement?: string;
  deadline?: Dayjs;
  responsiblePerson?: string;
  foundOn?: Dayjs;
  beforePhotoIds?: string[];
  fixedOnSpot?: boolean;
  afterPhotoIds?: string[];
  /** 补录 (supervisors): a past record; its deadline may be past, and the reason is kept. */
  backfill?: boolean;
  backfillReason?: string;
}

export const HAZARD_FIELD_DEFAULTS: Partial<HazardFieldValues> = {
  domain: 'production',
  grade: 'general',
  fixedOnSpot: false,
};

/** The API's body for one hazard (without the enterprise, inspection and campaign the caller adds). */
export function hazardBody(v: HazardFieldValues) {
  return {
    description: v.description,
    location: v.location || null,
    domain: v.domain as HazardCreate['domain'],
    category: v.category as HazardCreate['category'],
    source: v.source as HazardCreate['source'],
    criterionCode: v.criterionCode || null,
    grade: (v.criterionCode ? 'major' : v.grade) as HazardCreate['grade'],
    basis: v.basis || null,
    requirement: v.requirement || null,
    deadline: v.fixedOnSpot ? null : (v.deadline?.format('YYYY-MM-DD') ?? null),
    responsiblePerson: v.responsiblePerson || null,
    foundOn: v.foundOn?.format('YYYY-MM-DD'),
    beforePhotoIds: v.beforePhotoIds ?? [],
    fixedOnSpot: Boolean(v.fixedOnSpot),
    afterPhotoIds: v.fixedOnSpot ? (v.afterPhotoIds ?? []) : [],
    backfill: v.backfill ? { reason: v.backfillReason?.trim() ?? '' } : null,
  };
}

interface Props {
  form: FormInstance;
  /** Whose records the photos join; uploads wait until it is known. */
  enterpriseId?: string;
  /** Inside a Form.List: the list's name and this item's index. */
  list?: { name: string; index: number };
  /** Outside a Form.List, nested in the form's values (e.g. ['items', 2, 'hazard']). */
  prefix?: (string | number)[];
  /**
   * The hazard a failed checklist item becomes: its domain, basis and criterion come from the item (shown, not
   * editable) and its photos are the item's, so the before-photo wall is left out.
   */
  fromItem?: { criterion: CriterionLike | null };
  /** Changing it starts the photo walls afresh (another enterprise was chosen). */
  photoRound?: number;
  showFoundOn?: boolean;
  /** Told which photo wall is uploading, so the form can wait before it submits. */
  onBusyChange?: (wall: string, busy: boolean) => void;
}

/** The photo walls still uploading, by name: the form's submit waits until there are none. */
export function useBusyWalls() {
  const [walls, setWalls] = useState<ReadonlySet<string>>(new Set());
  const onBusyChange = useCallback((wall: string, busy: boolean) => {
    setWalls((current) => {
      if (current.has(wall) === busy) return current;
      const next = new Set(current);
      if (busy) next.add(wall);
      else next.delete(wall);
      return next;
    });
  }, []);
  const reset = useCallback(() => setWalls(new Set()), []);
  return { busy: walls.size > 0, onBusyChange, reset };
}

export function HazardFields({
  form,
  enterpriseId,
  list,
  prefix,
  fromItem,
  photoRound = 0,
  showFoundOn = true,
  onBusyChange,
}: Props) {
  const { h, lang } = useHazardText();
  const { r } = useRecordText();
  const rights = useHazardRights();
  const mobile = useIsMobile();
  const [criterion, setCriterion] = useState<CriterionLike | null>(fromItem?.criterion ?? null);
  const name = (key: string) => (list ? [list.index, key] : prefix ? [...prefix, key] : key);
  const path = (key: string) => (list ? [list.name, list.index, key] : prefix ? [...prefix, key] : [key]);
  const testId = (id: string) => (list ? `${id}-${list.index}` : prefix ? `${id}-${prefix.join('-')}` : id);
  const locked = Boolean(fromItem);
  const onSpot = Form.useWatch(path('fixedOnSpot'), form) ?? false;
  const grade = Form.useWatch(path('grade'), form);
  const major = Boolean(criterion) || grade === 'major';
  // 补录 is offered to supervisors on a hazard of its own (a checklist item's hazard follows its inspection).
  const canBackfill = rights.backfill && !locked;
  const backfill = (Form.useWatch(path('backfill'), form) ?? false) && canBackfill;
  const foundOn: Dayjs | undefined = Form.useWatch(path('foundOn'), form);
  const f = h.form;
  const today = dayjs(parkToday());
  const required = (label: string) => [{ required: true, message: f.required(label) }];
  const chosen = (label: string) => [{ required: true, message: f.choose(label) }];
  const half = mobile ? 24 : 12;

  return (
    <>
      {canBackfill && (
        <div className="hazard-backfill" data-testid={testId('hazard-backfill-block')}>
          <Form.Item
            name={name('backfill')}
            label={r.backfill.switch}
            valuePropName="checked"
            extra={r.backfill.switchHint}
          >
            <Switch data-testid={testId('hazard-backfill')} />
          </Form.Item>
          {backfill && (
            <Form.Item
              name={name('backfillReason')}
              label={r.backfill.reason}
              rules={[
                { required: true, whitespace: true, message: r.backfill.reasonMin },
                { min: 4, message: r.backfill.reasonMin },
              ]}
            >
              <Input.TextArea
                rows={2}
                maxLength={500}
                placeholder={r.backfill.reasonPlaceholder}
                data-testid={testId('hazard-backfill-reason')}
              />
            </Form.Item>
          )}
        </div>
      )}
      <Form.Item
        name={name('description')}
        label={f.description}
        rules={[...required(f.description), { min: 4, message: f.descriptionMin, whitespace: true }]}
      >
        <Input.TextArea
          rows={3}
          maxLength={1000}
          showCount
          placeholder={f.descriptionPlaceholder}
          data-testid={testId('hazard-description')}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col span={half}>
          <Form.Item name={name('location')} label={f.location}>
            <Input maxLength={200} data-testid={testId('hazard-location')} />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name={name('domain')} label={f.domain} rules={chosen(f.domain)}>
            <Select
              disabled={locked}
              options={codeOptions(HAZARD_DOMAINS, HAZARD_DOMAIN_LABELS, lang)}
              data-testid={testId('hazard-domain')}
            />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name={name('category')} label={f.category} rules={chosen(f.category)}>
            <Select
              options={codeOptions(HAZARD_CATEGORIES, HAZARD_CATEGORY_LABELS, lang)}
              data-testid={testId('hazard-category')}
            />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name={name('source')} label={f.source} rules={chosen(f.source)}>
            <Select
              options={codeOptions(HAZARD_SOURCES, HAZARD_SOURCE_LABELS, lang)}
              data-testid={testId('hazard-source')}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={name('criterionCode')} label={f.criterion} extra={criterion ? undefined : f.criterionHint}>
        <CriterionPicker
          disabled={locked}
          testId={testId('hazard-criterion')}
          onChange={(_code, picked) => {
            setCriterion(picked ?? null);
            if (picked) {
              form.setFieldValue(path('grade'), 'major');
              form.setFieldValue(path('fixedOnSpot'), false);
            }
          }}
        />
      </Form.Item>
      {criterion && (
        <Alert
          type="error"
          showIcon
          className="hazard-major-alert"
          data-testid={testId('hazard-major-alert')}
          title={f.willBeMajor}
          description={
            <div>
              <div>
                <Typography.Text strong>{criterion.code}</Typography.Text>
                <span className="hazard-version">{h.detail.version(criterion.version)}</span>
                {!criterion.verified && (
                  <Tag color="orange" className="hazard-version">
                    {h.detail.unverified}
                  </Tag>
                )}
              </div>
              <div>{criterion.item}</div>
            </div>
          }
        />
      )}
      <Row gutter={16}>
        <Col span={half}>
          <Form.Item name={name('grade')} label={f.grade} extra={criterion ? f.gradeLocked : undefined}>
            <Radio.Group
              disabled={Boolean(criterion)}
              options={codeOptions(HAZARD_GRADES, HAZARD_GRADE_LABELS, lang)}
              optionType="button"
              onChange={(e) => e.target.value === 'major' && form.setFieldValue(path('fixedOnSpot'), false)}
              data-testid={testId('hazard-grade-input')}
            />
          </Form.Item>
        </Col>
        {showFoundOn && (
          <Col span={half}>
            <Form.Item name={name('foundOn')} label={f.foundOn} extra={backfill ? r.backfill.foundOnHint : undefined}>
              <DatePicker
                className="hazard-full"
                disabledDate={(d) => d.isAfter(today, 'day')}
                allowClear={false}
                data-testid={testId('hazard-found-on')}
              />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Form.Item name={name('basis')} label={f.basis}>
        <Input
          disabled={locked}
          maxLength={500}
          placeholder={f.basisPlaceholder}
          data-testid={testId('hazard-basis')}
        />
      </Form.Item>
      <Form.Item name={name('requirement')} label={f.requirement}>
        <Input.TextArea rows={2} maxLength={1000} data-testid={testId('hazard-requirement')} />
      </Form.Item>
      {!locked && (
        <Form.Item label={f.beforePhotos} name={name('beforePhotoIds')}>
          <PhotoUpload
            key={`before-${photoRound}`}
            enterpriseId={enterpriseId}
            purpose="hazardBefore"
            onBusyChange={(busy) => onBusyChange?.(testId('before'), busy)}
            testId={testId('hazard-before-photos')}
          />
        </Form.Item>
      )}
      <Form.Item
        name={name('fixedOnSpot')}
        label={f.onSpot}
        valuePropName="checked"
        extra={major ? f.onSpotMajor : f.onSpotHint}
      >
        <Switch disabled={major} data-testid={testId('hazard-on-spot')} />
      </Form.Item>
      {onSpot ? (
        <Form.Item
          label={f.afterPhotos}
          name={name('afterPhotoIds')}
          rules={[{ required: true, type: 'array', min: 1, message: f.afterPhotosRequired }]}
        >
          <PhotoUpload
            key={`after-${photoRound}`}
            enterpriseId={enterpriseId}
            purpose="hazardAfter"
            onBusyChange={(busy) => onBusyChange?.(testId('after'), busy)}
            testId={testId('hazard-after-photos')}
          />
        </Form.Item>
      ) : (
        <Row gutter={16}>
          <Col span={half}>
            <Form.Item
              name={name('deadline')}
              label={f.deadline}
              rules={[{ required: true, message: f.deadlineRequired }]}
              extra={backfill ? r.backfill.deadlineHint : undefined}
            >
              <DatePicker
                className="hazard-full"
                // Normal entry: from today on. 补录: a past deadline, never before the hazard was found.
                disabledDate={(d) => d.isBefore(backfill ? (foundOn ?? today) : today, 'day')}
                data-testid={testId('hazard-deadline')}
              />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name={name('responsiblePerson')} label={f.responsible}>
              <Input maxLength={50} data-testid={testId('hazard-responsible')} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </>
  );
}
