// Head pose from the 68 facial landmarks (iBUG 300-W layout, as face-api's landmark net gives
// them): pure geometry, so it is tested without a model. An estimate, good to a few degrees
// near frontal and to about ten at a three-quarter view — enough to tell "facing the camera"
// from "turned away".
//   0–16 jaw (0 on the image's left), 8 chin, 27–30 nose bridge (30 the tip), 36–41 and 42–47
//   the eyes (image-left first).

export interface Point {
  x: number;
  y: number;
}

export interface Pose {
  /** Degrees; 0 = facing the camera, positive = turned toward the image's right. */
  yaw: number;
  /** Degrees; 0 = level, positive = looking down (the nose tip nearer the chin). */
  pitch: number;
  /** Degrees the eye line is tilted from horizontal. */
  roll: number;
}

/** Where the nose tip sits between the eye line and the chin when the head is level. */
const LEVEL_NOSE_RATIO = 0.4;
const DEGREES = 180 / Math.PI;
/** How far the nose tip stands out in front of the eyes, in eye-distances (about 0.55 for adults). */
const NOSE_DEPTH = 0.55;

const mean = (points: Point[]): Point => ({
  x: points.reduce((sum, p) => sum + p.x, 0) / points.length,
  y: points.reduce((sum, p) => sum + p.y, 0) / points.length,
});
const clamp = (value: number) => Math.max(-1, Math.min(1, value));

export function poseFromLandmarks(points: Point[]): Pose {
  if (points.length !== 68) throw new Error(`expected 68 landmarks, got ${points.length}`);
  const at = (i: number) => points[i] as Point;
  const eyeLeft = mean(points.slice(36, 42));
  const eyeRight = mean(points.slice(42, 48));
  const roll = Math.atan2(eyeRight.y - eyeLeft.y, eyeRight.x - eyeLeft.x) * DEGREES;
  // Undo the roll so yaw and pitch are measured along the face's own axes.
  const centre = mean([eyeLeft, eyeRight]);
  const angle = -roll / DEGREES;
  const level = (p: Point): Point => ({
    x: centre.x + (p.x - centre.x) * Math.cos(angle) - (p.y - centre.y) * Math.sin(angle),
    y: centre.y + (p.x - centre.x) * Math.sin(angle) + (p.y - centre.y) * Math.cos(angle),
  });
  const nose = level(at(30));
  const jawLeft = level(at(0));
  const jawRight = level(at(16));
  const chin = level(at(8));
  // Yaw, two ways, and the larger is kept (both read low on a strongly turned head, whose far
  // jaw the landmark model pulls to the visible contour): a turned head shows more cheek on one
  // side of the nose than the other; and its nose tip moves off the eyes' midline.
  const left = nose.x - jawLeft.x;
  const right = jawRight.x - nose.x;
  const byJaw = Math.asin(clamp((left - right) / Math.max(1e-6, left + right))) * DEGREES;
  const eyes = level(eyeRight).x - level(eyeLeft).x;
  const byNose = Math.atan((nose.x - centre.x) / Math.max(1e-6, eyes) / NOSE_DEPTH) * DEGREES;
  const yaw = Math.abs(byNose) > Math.abs(byJaw) && Math.sign(byNose) === Math.sign(byJaw) ? byNose : byJaw;
  // Pitch: looking down brings the nose tip toward the chin, looking up toward the eyes.
  const span = Math.max(1e-6, chin.y - centre.y);
  const pitch = Math.asin(clamp(((nose.y - centre.y) / span - LEVEL_NOSE_RATIO) * 2)) * DEGREES;
  return { yaw: round(yaw), pitch: round(pitch), roll: round(roll) };
}

const round = (value: number) => Math.round(value * 10) / 10;
