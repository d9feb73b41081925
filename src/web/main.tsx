import './fonts.css';
import './styles.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense, useEffect, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { Route, Switch, useLocation } from 'wouter';
import { staffPage } from './components/AccessGate.js';
import { Layout, Loading } from './components/Layout.js';
import { initI18n } from './i18n.js';
import { Home } from './pages/Home.js';

const Guides = lazy(() => import('./pages/Guides.js'));
const Guide = lazy(() => import('./pages/Guide.js'));
const FileCase = lazy(() => import('./pages/FileCase.js'));
const Receipt = lazy(() => import('./pages/Receipt.js'));
const SignIn = lazy(() => import('./pages/SignIn.js'));
const MyCases = lazy(() => import('./pages/MyCases.js'));
const CasePage = lazy(() => import('./pages/CasePage.js'));
const Track = lazy(() => import('./pages/Track.js'));
const Verify = lazy(() => import('./pages/Verify.js'));
const PublicFigures = lazy(() => import('./pages/PublicFigures.js'));
const OpenData = lazy(() => import('./pages/OpenData.js'));
const Profile = lazy(() => import('./pages/Profile.js'));
const Mandates = lazy(() => import('./pages/Mandates.js'));
const AcceptMandate = lazy(() => import('./pages/AcceptMandate.js'));
const ConfirmRequest = lazy(() => import('./pages/ConfirmRequest.js'));
const StaffQueue = staffPage(
  'queue',
  lazy(() => import('./pages/staff/StaffQueue.js')),
);
const StaffCase = staffPage(
  'case',
  lazy(() => import('./pages/staff/StaffCase.js')),
);
const StaffDesk = staffPage(
  'desk',
  lazy(() => import('./pages/staff/StaffDesk.js')),
);
const StaffSecurity = staffPage(
  'security',
  lazy(() => import('./pages/staff/StaffSecurity.js')),
);
const StaffStalled = staffPage(
  'stalled',
  lazy(() => import('./pages/staff/StaffStalled.js')),
);
const StaffAdmin = staffPage(
  'admin',
  lazy(() => import('./pages/staff/StaffAdmin.js')),
);
const StaffPeople = staffPage(
  'people',
  lazy(() => import('./pages/staff/StaffPeople.js')),
);
const Welcome = lazy(() => import('./pages/Welcome.js'));
const StaffCorrespondence = staffPage(
  'correspondence',
  lazy(() => import('./pages/staff/StaffCorrespondence.js')),
);
const StaffOversight = staffPage(
  'oversight',
  lazy(() => import('./pages/staff/StaffOversight.js')),
);
const StaffMessageTemplates = staffPage(
  'messages',
  lazy(() => import('./pages/staff/StaffMessageTemplates.js')),
);
const Appointments = lazy(() => import('./pages/Appointments.js'));
const MyAppointments = lazy(() => import('./pages/MyAppointments.js'));
const AppointmentPage = lazy(() => import('./pages/AppointmentPage.js'));
const ManageAppointment = lazy(() => import('./pages/ManageAppointment.js'));
const OpenDays = lazy(() => import('./pages/OpenDays.js'));
const WaitingScreen = lazy(() => import('./pages/WaitingScreen.js'));
const StaffAppointments = staffPage(
  'appointments',
  lazy(() => import('./pages/staff/StaffAppointments.js')),
);
const StaffDeskQueue = staffPage(
  'deskQueue',
  lazy(() => import('./pages/staff/StaffDeskQueue.js')),
);
const StaffSatisfaction = staffPage(
  'satisfaction',
  lazy(() => import('./pages/staff/StaffSatisfaction.js')),
);
const StaffFigures = staffPage(
  'figures',
  lazy(() => import('./pages/staff/StaffFigures.js')),
);
const StaffAppointmentSetup = staffPage(
  'setup',
  lazy(() => import('./pages/staff/StaffAppointmentSetup.js')),
  'setup.adminOnly',
);

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

/** Moves focus to the new page's heading, so screen readers announce it. */
function FocusOnNavigate() {
  const [location] = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of page address
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const h1 = document.querySelector('main h1') as HTMLElement | null;
    if (h1) {
      h1.tabIndex = -1;
      h1.focus({ preventScroll: false });
    }
    window.scrollTo(0, 0);
  }, [location]);
  return null;
}

function NotFound() {
  const { t } = useTranslation();
  return <h1>{t('common.notFound')}</h1>;
}

function App() {
  // The waiting-room screen is shown alone on a television: no header, no menu.
  const [location] = useLocation();
  if (location.startsWith('/screen/'))
    return (
      <Suspense fallback={<Loading />}>
        <Route path="/screen/:institutionId" component={WaitingScreen} />
      </Suspense>
    );
  return (
    <Layout>
      <FocusOnNavigate />
      <Suspense fallback={<Loading />}>
        <Switch>
          <Route path="/" component={Home} />
          <Route path="/guides" component={Guides} />
          <Route path="/guides/:code" component={Guide} />
          <Route path="/file/:institutionId" component={FileCase} />
          <Route path="/receipt/:id" component={Receipt} />
          <Route path="/signin" component={SignIn} />
          <Route path="/welcome" component={Welcome} />
          <Route path="/cases" component={MyCases} />
          <Route path="/cases/:id" component={CasePage} />
          <Route path="/track" component={Track} />
          <Route path="/track/:number" component={Track} />
          <Route path="/figures" component={PublicFigures} />
          <Route path="/open-data" component={OpenData} />
          <Route path="/verify" component={Verify} />
          <Route path="/verify/:code" component={Verify} />
          <Route path="/me" component={Profile} />
          <Route path="/mandates" component={Mandates} />
          <Route path="/mandates/:id/accept" component={AcceptMandate} />
          <Route path="/requests/confirm/:secret" component={ConfirmRequest} />
          <Route path="/appointments" component={Appointments} />
          <Route path="/appointments/mine" component={MyAppointments} />
          <Route path="/appointments/manage/:token" component={ManageAppointment} />
          <Route path="/appointments/events/registrations/:id" component={OpenDays} />
          <Route path="/appointments/:id" component={AppointmentPage} />
          <Route path="/open-days" component={OpenDays} />
          <Route path="/staff" component={StaffQueue} />
          <Route path="/staff/desk" component={StaffDesk} />
          <Route path="/staff/security" component={StaffSecurity} />
          <Route path="/staff/stalled" component={StaffStalled} />
          <Route path="/staff/admin" component={StaffAdmin} />
          <Route path="/staff/admin/people" component={StaffPeople} />
          <Route path="/staff/correspondence" component={StaffCorrespondence} />
          <Route path="/staff/oversight" component={StaffOversight} />
          <Route path="/staff/satisfaction" component={StaffSatisfaction} />
          <Route path="/staff/messages" component={StaffMessageTemplates} />
          <Route path="/staff/cases/:id" component={StaffCase} />
          <Route path="/staff/appointments" component={StaffAppointments} />
          <Route path="/staff/appointments/figures" component={StaffFigures} />
          <Route path="/staff/appointments/setup" component={StaffAppointmentSetup} />
          <Route path="/staff/desk-queue" component={StaffDeskQueue} />
          <Route component={NotFound} />
        </Switch>
      </Suspense>
    </Layout>
  );
}

await initI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}
