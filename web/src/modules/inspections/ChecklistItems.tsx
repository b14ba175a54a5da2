// Checking item by item (逐项检查): one card an item — what to check, its basis, and a large 合格 / 不合格 / 不适用
// choice a thumb can hit — with a note and photos. A failed item offers 登记为隐患: the hazard fields open pre-filled
// from the item (its content, basis, domain and criterion; a criterion makes the hazard 重大), and the hazard is
// recorded with the inspection in the same request.
import { CheckCircleFilled, CloseCircleFilled, MinusCircleFilled, WarningOutlined } from '@ant-design/icons';
import { Button, Card, Form, type FormInstance, Input, Progress, Radio, Typography } from 'antd';
import { type ChecklistItemView, criterionBasis, type ItemHazardInput } from '../../../../shared/src/checklists';
import { useI18n } from '../../app/i18n';
import { CriterionMark } from '../checklists/ChecklistDetail';
import { HAZARD_FIELD_DEFAULTS, HazardFields, type HazardFieldValues, hazardBody } from '../hazards/HazardFields';
import { PhotoUpload } from '../hazards/photos';

export interface ItemValues {
  itemId: string;
  result?: 'pass' | 'fail' | 'na';
  note?: string;
  photoIds?: string[];
  /** 登记为隐患 was chosen for this failed item. */
  hazardOn?: boolean;
  hazard?: HazardFieldValues;
}

/** The API's body for one failed item's hazard: only what the item does not already say. */
export function itemHazardBody(v: HazardFieldValues): ItemHazardInput {
  const b = hazardBody(v);
  return {
    description: b.description,
    location: b.location,
    category: b.category,
    source: b.source,
    grade: b.grade,
    requirement: b.requirement,
    deadline: b.deadline,
    responsiblePerson: b.responsiblePerson,
    fixedOnSpot: b.fixedOnSpot,
    afterPhotoIds: b.afterPhotoIds,
  };
}

/** The hazard fields a failed item opens with: its content (and the note), basis, domain and criterion. */
export function itemHazardDefaults(
  item: Pick<ChecklistItemView, 'content' | 'basis' | 'domain' | 'criterionCode' | 'criterion'>,
  note: string | null | undefined,
  source: string | undefined,
): Partial<HazardFieldValues> {
  const said = note?.trim();
  return {
    ...HAZARD_FIELD_DEFAULTS,
    description: said ? `${item.content}：${said}` : item.content,
    domain: item.domain,
    criterionCode: item.criterionCode ?? undefined,
    basis: item.basis ?? (item.criterion ? criterionBasis(item.criterion) : undefined),
    grade: item.criterionCode ? 'major' : 'general',
    source,
  };
}

interface Props {
  form: FormInstance;
  items: ChecklistItemView[];
  enterpriseId?: string;
  /** Changing it starts the photo walls afresh (another enterprise or checklist). */
  photoRound: number;
  /** The 排查类型 a hazard of this inspection starts with. */
  source?: string;
  onBusyChange: (wall: string, busy: boolean) => void;
}

export function ChecklistItems({ form, items, enterpriseId, photoRound, source, onBusyChange }: Props) {
  const { t } = useI18n();
  const r = t.record;
  const values = (Form.useWatch('items', form) ?? []) as ItemValues[];
  const done = values.filter((v) => v?.result).length;
  return (
    <div className="record-items" data-testid="record-items">
      <div className="record-progress">
        <span>{r.progress(done, items.length)}</span>
        <Progress
          percent={items.length ? Math.round((done / items.length) * 100) : 0}
          showInfo={false}
          size="small"
          className="record-progress-bar"
        />
      </div>
      {items.map((item, i) => (
        <ItemCard
          key={item.id}
          form={form}
          item={item}
          index={i}
          total={items.length}
          value={values[i]}
          enterpriseId={enterpriseId}
          photoRound={photoRound}
          source={source}
          onBusyChange={onBusyChange}
        />
      ))}
    </div>
  );
}

function ItemCard({
  form,
  item,
  index,
  total,
  value,
  enterpriseId,
  photoRound,
  source,
  onBusyChange,
}: Omit<Props, 'items'> & { item: ChecklistItemView; index: number; total: number; value?: ItemValues }) {
  const { t } = useI18n();
  const r = t.record;
  const at = (key: string) => ['items', index, key];
  const result = value?.result;
  const failed = result === 'fail';
  const hazardOn = failed && Boolean(value?.hazardOn);

  const registerHazard = () => {
    form.setFieldValue(at('hazard'), itemHazardDefaults(item, form.getFieldValue(at('note')), source));
    form.setFieldValue(at('hazardOn'), true);
  };

  return (
    <Card
      size="small"
      className={`record-item record-item-${result ?? 'open'}`}
      data-testid={`record-item-${index}`}
      title={
        <span className="record-item-title">
          <span className="record-item-seq">{r.itemOf(index + 1, total)}</span>
          <CriterionMark item={item} />
        </span>
      }
    >
      <Form.Item name={at('itemId')} hidden>
        <Input />
      </Form.Item>
      <div className="record-item-content">{item.content}</div>
      {item.basis && (
        <div className="record-item-meta">
          {r.basis}：{item.basis}
        </div>
      )}
      {item.method && (
        <div className="record-item-meta">
          {r.method}：{item.method}
        </div>
      )}
      <Form.Item name={at('result')} rules={[{ required: true, message: r.resultRequired }]} className="record-result">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          size="large"
          className="record-result-buttons"
          onChange={(e) => e.target.value !== 'fail' && form.setFieldValue(at('hazardOn'), false)}
          options={[
            {
              value: 'pass',
              label: (
                <span data-testid={`record-pass-${index}`}>
                  <CheckCircleFilled /> {r.pass}
                </span>
              ),
              className: 'record-pass',
            },
            {
              value: 'fail',
              label: (
                <span data-testid={`record-fail-${index}`}>
                  <CloseCircleFilled /> {r.fail}
                </span>
              ),
              className: 'record-fail',
            },
            {
              value: 'na',
              label: (
                <span data-testid={`record-na-${index}`}>
                  <MinusCircleFilled /> {r.na}
                </span>
              ),
              className: 'record-na',
            },
          ]}
        />
      </Form.Item>
      {result && result !== 'na' && (
        <>
          <Form.Item name={at('note')} label={r.note}>
            <Input.TextArea
              autoSize={{ minRows: 1, maxRows: 4 }}
              maxLength={500}
              placeholder={r.notePlaceholder}
              data-testid={`record-note-${index}`}
            />
          </Form.Item>
          <Form.Item name={at('photoIds')} label={r.photos}>
            <PhotoUpload
              key={`item-${index}-${photoRound}`}
              enterpriseId={enterpriseId}
              purpose="evidence"
              max={9}
              onBusyChange={(busy) => onBusyChange(`item-${index}`, busy)}
              testId={`record-photos-${index}`}
            />
          </Form.Item>
        </>
      )}
      <Form.Item name={at('hazardOn')} hidden valuePropName="checked">
        <Input type="checkbox" />
      </Form.Item>
      {failed && !hazardOn && (
        <Button
          danger
          block
          size="large"
          icon={<WarningOutlined />}
          onClick={registerHazard}
          data-testid={`record-register-hazard-${index}`}
        >
          {r.registerHazard}
        </Button>
      )}
      {hazardOn && (
        <div className="record-hazard" data-testid={`record-hazard-${index}`}>
          <div className="record-hazard-head">
            <Typography.Text strong type="danger">
              <WarningOutlined /> {r.registeredHazard}
            </Typography.Text>
            <Button
              size="small"
              type="link"
              onClick={() => form.setFieldValue(at('hazardOn'), false)}
              data-testid={`record-cancel-hazard-${index}`}
            >
              {r.cancelHazard}
            </Button>
          </div>
          <Typography.Paragraph type="secondary" className="hazard-hint">
            {r.hazardFromItem}
          </Typography.Paragraph>
          <HazardFields
            form={form}
            enterpriseId={enterpriseId}
            prefix={['items', index, 'hazard']}
            fromItem={{ criterion: item.criterion }}
            photoRound={photoRound}
            showFoundOn={false}
            onBusyChange={onBusyChange}
          />
        </div>
      )}
    </Card>
  );
}
