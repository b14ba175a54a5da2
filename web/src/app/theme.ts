import type { ThemeConfig } from 'antd';

const NAVY = '#0b2447';
const BLUE = '#1a56db';

/** 政务蓝: a deep navy side bar and a sober blue accent, small radii, CJK fonts first. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: BLUE,
    colorInfo: BLUE,
    borderRadius: 4,
    colorBgLayout: '#f0f2f5',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { siderBg: NAVY, triggerBg: '#081a35', headerBg: '#ffffff', headerPadding: '0 24px', headerHeight: 56 },
    Menu: {
      darkItemBg: NAVY,
      darkSubMenuItemBg: '#081a35',
      darkItemSelectedBg: BLUE,
      itemHeight: 44,
    },
    Table: { headerBg: '#f5f7fa' },
  },
};
