import { useState, type FormEvent } from 'react';
import { TokenField } from '../merchant/TokenField.tsx';
import type {
  GarmentFields,
  GarmentPatch,
  MerchantGarment,
  ValidationReport as Report,
} from '../../shared/garment-upload.ts';
import { GarmentApiError, GarmentsClient } from './garments-client.ts';
import { lowConfidenceAnchors } from './anchor-confidence.ts';
import { GarmentEditor } from './GarmentEditor.tsx';
import { GarmentList } from './GarmentList.tsx';
import { UploadForm } from './UploadForm.tsx';
import { ValidationReport } from './ValidationReport.tsx';
import '../merchant/merchant.css';
import './garments.css';

/** Shared with the analytics dashboard: one sign-in for both merchant pages. */
const TOKEN_KEY = 'fitting-room.merchant-token';

/** `/merchant/garments`: upload, check, edit and publish the merchant's garments. */
export function GarmentsPage() {
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [client, setClient] = useState<GarmentsClient | null>(null);
  const [garments, setGarments] = useState<MerchantGarment[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  /** The garment the shown report is about (its low-confidence anchors are highlighted). */
  const [reportFor, setReportFor] = useState<string | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);

  const fail = (e: unknown) => {
    setError(
      e instanceof GarmentApiError
        ? { code: e.code, message: e.message }
        : { code: 'network', message: String(e) },
    );
    if (e instanceof GarmentApiError && e.report) setReport(e.report);
  };
  const refresh = (c: GarmentsClient) => c.list().then(setGarments, fail);
  const act = (work: (c: GarmentsClient) => Promise<unknown>) => {
    if (!client) return;
    setError(null);
    work(client).then(() => refresh(client), fail);
  };

  const signIn = (event: FormEvent) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, token);
    const c = new GarmentsClient(token);
    setError(null);
    c.list().then((list) => {
      setClient(c);
      setGarments(list);
    }, fail);
  };

  const upload = (files: File[], target: { fields: GarmentFields } | { replaceId: string }) =>
    act(async (c) => {
      setReport(null);
      setProgress(0);
      try {
        const result = await c.upload(files, target, setProgress);
        setReport(result.report);
        setReportFor(result.garment.manifest.id);
        setEditing(result.garment.manifest.id);
      } finally {
        setProgress(null);
      }
    });

  const current = garments.find((g) => g.manifest.id === editing);
  return (
    <main className="merchant garments-page" data-signed-in={String(client !== null)}>
      <header className="page-header">
        <h1>Your garments</h1>
        <a href="/merchant">Try-on analytics</a>
      </header>
      <form onSubmit={signIn} className="panel sign-in" aria-label="Sign in">
        <TokenField value={token} onChange={setToken} />
        <button type="submit" className="btn btn-primary">
          Sign in
        </button>
      </form>
      {error && (
        <p role="alert" className="notice notice-error" data-error-code={error.code}>
          {error.message}
        </p>
      )}
      {client && (
        <>
          <UploadForm
            busy={progress !== null}
            progress={progress}
            onUpload={(files, fields) => upload(files, { fields })}
          />
          {report && <ValidationReport report={report} />}
          <GarmentList
            garments={garments}
            editing={editing}
            onPublish={(garment, published) =>
              act((c) => c.setPublished(garment.manifest.id, published))
            }
            onEdit={setEditing}
            onDelete={(id) => act((c) => c.remove(id))}
          />
          {current && (
            <GarmentEditor
              garment={current}
              lowConfidence={lowConfidenceAnchors(reportFor === editing ? report : null)}
              onSave={(patch: GarmentPatch) => act((c) => c.update(current.manifest.id, patch))}
              onSaveMask={(maskPng, reproposeAnchors) =>
                act(async (c) => {
                  const result = await c.updateMask(current.manifest.id, maskPng, reproposeAnchors);
                  setReport(result.report);
                  setReportFor(current.manifest.id);
                })
              }
              onReplace={(files) => upload(files, { replaceId: current.manifest.id })}
              onClose={() => setEditing(null)}
            />
          )}
        </>
      )}
    </main>
  );
}
