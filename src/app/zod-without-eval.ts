import { z } from 'zod';

// The server's CSP allows no eval, and zod probes `new Function` (a reported violation, even
// though it catches the error) to pick its compiled fast path; its plain path is as correct.
z.config({ jitless: true });
