// Faces, offline: detection (SSD MobileNet v1), 68 landmarks, and a 128-d identity descriptor
// (a port of dlib's ResNet face model), from @vladmandic/face-api on TensorFlow.js's WebAssembly
// backend. Everything loads on first use: the server's cold start never pays for it.
// Models ship inside the package (node_modules/@vladmandic/face-api/model); nothing is fetched.
// The identity model is this file's business alone: the rest of the code sees a vector per face
// and the IdentityModel below (its provenance and calibrated lines), so another model is a change
// here and in its calibration, nowhere else.

import { createRequire, registerHooks } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IdentityModel } from './identity.ts';
import { poseFromLandmarks, type Pose } from './pose.ts';

/**
 * dlib's ResNet face descriptor as face-api ports it, compared by cosine (on the real pairs the
 * vectors' lengths carry image quality, not identity: cosine rejects far fewer of the same person
 * than Euclidean distance at the same false accepts). Lines from `npm run bench:faces` (README).
 */
export const IDENTITY_MODEL: IdentityModel = {
  id: 'dlib-resnet-v1-128',
  name: "dlib's ResNet face descriptor (dlib_face_recognition_resnet_model_v1), ported to TensorFlow.js by face-api",
  dimensions: 128,
  licence:
    'Public domain (Davis King, dlib-models); trained on about 3 million faces of 7,485 people (FaceScrub, the VGG face data set, images from the web). face-api package: MIT.',
  // From `npm run bench:faces` (real pairs): pass is the lowest line at which, with 1 to 5
  // references combined, at most 0.5% of different people of the same gender and group and at most
  // 1% in any group pass; review keeps 97% of high-resolution same-person pairs out of fail;
  // sameSet refuses 1.6% of honest sets and catches 88% of mixes; pasted flags every pasted copy and
  // 1 in 1,428 real pairs.
  thresholds: { pass: 0.952, review: 0.93, sameSet: 0.92, pasted: 0.99 },
};

/** Analysis works on at most this many pixels on the long side (detection needs no more). */
export const ANALYSIS_EDGE = 1024;
const MIN_CONFIDENCE = 0.3;
/** The same cap as for reference photos: a decompression bomb is refused, not decoded. */
export const PIXEL_LIMIT = 40_000_000;

export interface Face {
  /** In the original image's pixels. */
  box: { x: number; y: number; width: number; height: number };
  confidence: number;
  pose: Pose;
  descriptor: Float32Array;
}

export interface FaceAnalysis {
  width: number;
  height: number;
  /** Largest first. */
  faces: Face[];
  ms: number;
}

export interface Engine {
  analyze(bytes: Uint8Array): Promise<FaceAnalysis>;
  loadMs: number;
  /** What `Face.descriptor` is, and the lines it was calibrated at. */
  model: IdentityModel;
}

let engine: Promise<Engine> | undefined;

/** Loads the models once per process (about 0.2 s), then analyses images with them. */
export function faceEngine(): Promise<Engine> {
  engine ??= load().catch((error: unknown) => {
    engine = undefined;
    throw error;
  });
  return engine;
}

let hooked = false;

/**
 * face-api's node-wasm build asks for "@tensorflow/tfjs", the union package (layers, data, the
 * WebGL backend, every prebuilt bundle: about 200 MB installed), and uses only core's ops and the
 * chained ops (tensor.as3D(), …) — the WebAssembly backend does the work. So that name resolves to
 * "@tensorflow/tfjs-core", the chained ops come from core's own ES modules, and the union package
 * is not installed at all. The descriptors are bit-for-bit those of the union package.
 */
function useCoreForTheUnionPackage(): void {
  if (hooked) return;
  hooked = true;
  const coreModules = `${join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-core/package.json')), 'dist')}/`;
  registerHooks({
    resolve: (specifier, context, nextResolve) => {
      if (specifier === '@tensorflow/tfjs') return nextResolve('@tensorflow/tfjs-core', context);
      // core's ES modules name their neighbours without ".js", which bundlers accept and Node does not.
      const inCore = context.parentURL?.startsWith('file:') && fileURLToPath(context.parentURL).startsWith(coreModules);
      if (inCore && /^\.\.?\//.test(specifier) && !specifier.endsWith('.js'))
        return nextResolve(`${specifier}.js`, context);
      return nextResolve(specifier, context);
    },
  });
}

async function load(): Promise<Engine> {
  const started = performance.now();
  const require = createRequire(import.meta.url);
  // TensorFlow.js writes to the console (warnings about its platform and backends): on stdio,
  // stdout is the protocol, so nothing of it may go there.
  const restore = quietConsole();
  // TensorFlow.js and face-api's node-wasm build are loaded with require and have no types here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let tf: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let faceapi: any;
  try {
    useCoreForTheUnionPackage();
    tf = require('@tensorflow/tfjs-core');
    // The union package also adds the chained ops (tensor.as3D(), …) that face-api calls: core
    // keeps them in a module of their own, registered on the one Tensor class all copies share.
    require('@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js');
    const wasm = require('@tensorflow/tfjs-backend-wasm');
    faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
    // Read the .wasm from disk (emscripten's own loader), not fetch(): nothing leaves the machine.
    wasm.setWasmPaths(
      `${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`,
      false,
    );
    // setBackend answers false (and TensorFlow.js falls back to its ~10× slower CPU backend)
    // when the WebAssembly module cannot start: say so instead.
    if (!(await tf.setBackend('wasm')))
      throw new Error('the TensorFlow.js WebAssembly backend could not start (see the log); reinstall with npm ci');
    await tf.ready();
    const models = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
    await faceapi.nets.ssdMobilenetv1.loadFromDisk(models);
    await faceapi.nets.faceLandmark68Net.loadFromDisk(models);
    await faceapi.nets.faceRecognitionNet.loadFromDisk(models);
  } finally {
    restore();
  }
  const { default: sharp } = await import('sharp');
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence: MIN_CONFIDENCE, maxResults: 20 });
  const loadMs = Math.round(performance.now() - started);

  return {
    loadMs,
    model: IDENTITY_MODEL,
    async analyze(bytes) {
      const begun = performance.now();
      const meta = await sharp(bytes, { limitInputPixels: PIXEL_LIMIT }).metadata();
      const upright = (meta.orientation ?? 1) >= 5;
      const width = (upright ? meta.height : meta.width) ?? 0;
      const height = (upright ? meta.width : meta.height) ?? 0;
      const detect = async (edge: number) => {
        const { data, info } = await sharp(bytes, { limitInputPixels: PIXEL_LIMIT })
          .rotate()
          .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
          .removeAlpha()
          .raw()
          .toBuffer({ resolveWithObject: true });
        const tensor = tf.tensor3d(
          new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
          [info.height, info.width, 3],
          'int32',
        );
        try {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          const found: any[] = await faceapi.detectAllFaces(tensor, options).withFaceLandmarks().withFaceDescriptors();
          const scale = width / info.width;
          return found.map((face): Face => {
            const box = face.detection.box;
            return {
              box: {
                x: Math.round(box.x * scale),
                y: Math.round(box.y * scale),
                width: Math.round(box.width * scale),
                height: Math.round(box.height * scale),
              },
              confidence: Math.round(face.detection.score * 100) / 100,
              pose: poseFromLandmarks(face.landmarks.positions),
              descriptor: face.descriptor as Float32Array,
            };
          });
        } finally {
          tf.dispose(tensor);
        }
      };
      let faces = await detect(ANALYSIS_EDGE);
      // Nothing found in a large image: the face may just be small at this scale; look closer.
      if (faces.length === 0 && Math.max(width, height) > ANALYSIS_EDGE * 1.5) faces = await detect(ANALYSIS_EDGE * 2);
      faces.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
      return { width, height, faces, ms: Math.round(performance.now() - begun) };
    },
  };
}

function quietConsole(): () => void {
  const saved = { log: console.log, info: console.info, warn: console.warn };
  const toStderr = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`);
  console.log = toStderr;
  console.info = toStderr;
  console.warn = toStderr;
  return () => Object.assign(console, saved);
}
