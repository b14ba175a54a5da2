import { useSearchParams } from 'react-router-dom';
import './survey.css';
import { SurveyEditorPage } from './SurveyEditorPage';
import { SurveyListPage } from './SurveyListPage';
import { SurveyProgressPage } from './SurveyProgressPage';

/**
 * 安全生产状况调查 for the committee. One menu route (/surveys); the survey and the view travel in the query string
 * (?survey=<id>&view=questions|progress), so the app shell needs a single entry.
 */
export default function SurveysPage() {
  const [params] = useSearchParams();
  const id = params.get('survey');
  if (id && params.get('view') === 'progress') return <SurveyProgressPage surveyId={id} />;
  if (id) return <SurveyEditorPage surveyId={id} />;
  return <SurveyListPage />;
}
