// The drawer every hazard-recording form sits in (登记隐患, 登记检查记录): full width on a phone, a footer whose submit
// waits for photos still uploading, and a form that starts empty each time it is opened (the form's store outlives
// the drawer's content, so it is reset once the drawer has closed).
import { Button, Drawer, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useIsMobile } from './common';
import type { useBusyWalls } from './HazardFields';
import { useHazardText } from './text';

interface Props {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  /** Desk width in px; phones get the whole screen. */
  width: number;
  form: FormInstance;
  walls: ReturnType<typeof useBusyWalls>;
  /** Called once the drawer has closed, after the form and walls were reset. */
  onReset?: () => void;
  submitting: boolean;
  submitText: string;
  submitTestId: string;
  /** Replaces the submit button (a step-by-step form has its own). */
  footer?: ReactNode;
  children: ReactNode;
}

export function FormDrawer({
  title,
  open,
  onClose,
  width,
  form,
  walls,
  onReset,
  submitting,
  submitText,
  submitTestId,
  footer,
  children,
}: Props) {
  const { h } = useHazardText();
  const mobile = useIsMobile();
  return (
    <Drawer
      title={title}
      open={open}
      onClose={onClose}
      size={mobile ? '100%' : width}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (!visible) {
          form.resetFields();
          walls.reset();
          onReset?.();
        }
      }}
      footer={
        <div className="hazard-drawer-footer">
          <Button onClick={onClose} block={mobile}>
            {h.detail.close}
          </Button>
          {footer ?? (
            <Button
              type="primary"
              loading={submitting}
              disabled={walls.busy}
              onClick={() => form.submit()}
              block={mobile}
              data-testid={submitTestId}
            >
              {walls.busy ? h.upload.uploading : submitText}
            </Button>
          )}
        </div>
      }
    >
      {children}
    </Drawer>
  );
}
