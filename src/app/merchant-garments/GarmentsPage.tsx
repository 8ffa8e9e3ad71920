import { useEffect, useState, type FormEvent } from 'react';
import { TokenField } from '../merchant/TokenField.tsx';
import type {
  GarmentFields,
  GarmentPatch,
  GarmentVersion,
  MerchantGarment,
  ValidationReport as Report,
} from '../../shared/garment-upload.ts';
import { GarmentApiError, GarmentsClient } from './garments-client.ts';
import { lowConfidenceAnchors } from './anchor-confidence.ts';
import { fitCheckLines, type FitCheckView } from './fit-check-lines.ts';
import { PublishConfirm } from './PublishConfirm.tsx';
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
  /** A back photo is being sent and processed. */
  const [sendingBack, setSendingBack] = useState(false);
  /** Each garment's current version (report, meshes), by id, fetched when first needed. */
  const [versions, setVersions] = useState<Record<string, GarmentVersion>>({});
  /** The garment whose mesh choice is being processed. */
  const [choosing, setChoosing] = useState<string | null>(null);
  /** A publish waiting for the merchant to confirm a failing fit check. */
  const [confirm, setConfirm] = useState<{ garment: MerchantGarment; view: FitCheckView } | null>(
    null,
  );

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

  /** `garment`'s current version, if read already. */
  const versionOf = (garment: MerchantGarment | undefined): GarmentVersion | undefined => {
    const version = garment && versions[garment.manifest.id];
    return version?.version === garment?.currentVersion ? version : undefined;
  };
  /** `garment`'s current version: cached, or read from its versions. */
  const readVersion = async (
    c: GarmentsClient,
    garment: MerchantGarment,
  ): Promise<GarmentVersion | null> => {
    const cached = versionOf(garment);
    if (cached) return cached;
    const id = garment.manifest.id;
    const version = (await c.versions(id)).find((v) => v.version === garment.currentVersion);
    if (version) setVersions((all) => ({ ...all, [id]: version }));
    return version ?? null;
  };

  const publish = (garment: MerchantGarment, published: boolean) =>
    act(async (c) => {
      if (published && garment.manifest.asset.kind === 'mesh3d') {
        const version = await readVersion(c, garment);
        const view = version && fitCheckLines(version.report);
        if (view?.fails) return setConfirm({ garment, view });
      }
      await c.setPublished(garment.manifest.id, published);
    });

  const current = garments.find((g) => g.manifest.id === editing);
  const currentVersion = versionOf(current);
  /** The latest upload's report, when it is the edited garment's. */
  const editedReport = reportFor === editing ? report : null;
  useEffect(() => {
    if (!client || current?.manifest.asset.kind !== 'mesh3d' || currentVersion) return;
    const id = current.manifest.id;
    const number = current.currentVersion;
    client.versions(id).then((all) => {
      const version = all.find((v) => v.version === number);
      if (version) setVersions((known) => ({ ...known, [id]: version }));
    }, fail);
  }, [client, current, currentVersion]);
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
            onPublish={publish}
            onEdit={setEditing}
            onDelete={(id) => act((c) => c.remove(id))}
          />
          {current && (
            <GarmentEditor
              garment={current}
              fitCheck={currentVersion ? fitCheckLines(currentVersion.report) : null}
              version={currentVersion ?? null}
              choosingMeshes={choosing === current.manifest.id}
              onChooseMeshes={(kept) =>
                act(async (c) => {
                  setChoosing(current.manifest.id);
                  try {
                    const result = await c.chooseMeshes(current.manifest.id, kept);
                    setReport(result.report);
                    setReportFor(current.manifest.id);
                  } finally {
                    setChoosing(null);
                  }
                })
              }
              lowConfidence={{
                front: lowConfidenceAnchors(editedReport, 'front'),
                back: lowConfidenceAnchors(editedReport, 'back'),
              }}
              onSave={(patch: GarmentPatch) => act((c) => c.update(current.manifest.id, patch))}
              onSaveMask={(maskPng, reproposeAnchors) =>
                act(async (c) => {
                  const result = await c.updateMask(current.manifest.id, maskPng, reproposeAnchors);
                  setReport(result.report);
                  setReportFor(current.manifest.id);
                })
              }
              busy={sendingBack}
              onBackPhoto={(photo) =>
                act(async (c) => {
                  setSendingBack(true);
                  try {
                    const result = await c.putBack(current.manifest.id, photo);
                    setReport(result.report);
                    setReportFor(current.manifest.id);
                  } finally {
                    setSendingBack(false);
                  }
                })
              }
              onSaveBackAnchors={(anchors) =>
                act((c) => c.updateBackAnchors(current.manifest.id, anchors))
              }
              onReplace={(files) => upload(files, { replaceId: current.manifest.id })}
              onClose={() => setEditing(null)}
            />
          )}
          {confirm && (
            <PublishConfirm
              name={confirm.garment.manifest.name}
              view={confirm.view}
              onCancel={() => setConfirm(null)}
              onConfirm={() => {
                const id = confirm.garment.manifest.id;
                setConfirm(null);
                act((c) => c.setPublished(id, true));
              }}
            />
          )}
        </>
      )}
    </main>
  );
}
