import { Route, Routes, useParams } from 'react-router-dom';
import { NotFound } from '../../app/ui/NotFound';
import { EnterpriseListPage } from './EnterpriseListPage';
import { EnterpriseRecord } from './EnterpriseRecord';

/** 企业档案 for the committee: the list at /enterprises, one enterprise's page at /enterprises/:id. */
export default function EnterprisesPage() {
  return (
    <Routes>
      <Route index element={<EnterpriseListPage />} />
      <Route path=":id" element={<RecordRoute />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function RecordRoute() {
  const { id = '' } = useParams();
  // A fresh page per enterprise, so following a landlord link does not carry tabs or edits across.
  return /^[0-9a-f-]{36}$/i.test(id) ? <EnterpriseRecord key={id} enterpriseId={id} /> : <NotFound />;
}
