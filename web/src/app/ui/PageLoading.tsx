import { Flex, Spin } from 'antd';

export function PageLoading() {
  return (
    <Flex justify="center" align="center" className="page-loading">
      <Spin size="large" />
    </Flex>
  );
}
