/**
 * A small, dependency-free classifier: logistic regression or a one-hidden-layer MLP trained with
 * SGD (momentum) or Adam on a synthetic 2-D dataset. Deterministic for a given seed.
 */

/** mulberry32: a tiny seeded PRNG, so that every run with the same seed is identical. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export interface Dataset {
  xTrain: number[][];
  yTrain: number[];
  xTest: number[][];
  yTest: number[];
}

export interface DatasetConfig {
  name: 'moons' | 'blobs';
  n_samples: number;
  noise: number;
  separation?: number;
  test_fraction: number;
}

export function makeDataset(cfg: DatasetConfig, seed: number): Dataset {
  const rand = rng(seed);
  const xs: number[][] = [];
  const ys: number[] = [];
  for (let i = 0; i < cfg.n_samples; i++) {
    const label = i % 2;
    if (cfg.name === 'moons') {
      const t = Math.PI * rand();
      const x = label === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
      xs.push([x[0] + cfg.noise * gaussian(rand), x[1] + cfg.noise * gaussian(rand)]);
    } else {
      const c = (label === 0 ? -1 : 1) * (cfg.separation ?? 2) * 0.5;
      xs.push([c + cfg.noise * gaussian(rand), c + cfg.noise * gaussian(rand)]);
    }
    ys.push(label);
  }
  // Shuffle, then split.
  const idx = xs.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
  }
  const nTest = Math.round(cfg.n_samples * cfg.test_fraction);
  const pick = (ids: number[]) => ({ x: ids.map((i) => xs[i] as number[]), y: ids.map((i) => ys[i] as number) });
  const test = pick(idx.slice(0, nTest));
  const train = pick(idx.slice(nTest));
  return { xTrain: train.x, yTrain: train.y, xTest: test.x, yTest: test.y };
}

export interface ModelConfig {
  name: 'mlp' | 'logreg';
  hidden?: number;
  activation?: 'tanh' | 'relu';
  init_scale: number;
}

/** Parameters as flat arrays, so optimisers can treat them uniformly. */
export interface Model {
  params: Float64Array[];
  /** Probability of class 1 for each input. */
  predict(x: number[]): number;
  /** Gradients of the log loss for one example, accumulated into `grads`. */
  backward(x: number[], y: number, grads: Float64Array[]): number;
}

export function makeModel(cfg: ModelConfig, seed: number): Model {
  const rand = rng(seed + 7);
  const init = (n: number) => Float64Array.from({ length: n }, () => cfg.init_scale * gaussian(rand));
  const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
  const eps = 1e-12;
  if (cfg.name === 'logreg') {
    const w = init(2);
    const b = new Float64Array(1);
    return {
      params: [w, b],
      predict: (x) => sigmoid((w[0] as number) * (x[0] as number) + (w[1] as number) * (x[1] as number) + (b[0] as number)),
      backward(x, y, grads) {
        const p = this.predict(x);
        const d = p - y;
        (grads[0] as Float64Array)[0] += d * (x[0] as number);
        (grads[0] as Float64Array)[1] += d * (x[1] as number);
        (grads[1] as Float64Array)[0] += d;
        return -(y * Math.log(p + eps) + (1 - y) * Math.log(1 - p + eps));
      },
    };
  }
  const h = cfg.hidden ?? 16;
  const act = cfg.activation === 'relu' ? (z: number) => Math.max(0, z) : Math.tanh;
  const dact = cfg.activation === 'relu' ? (a: number) => (a > 0 ? 1 : 0) : (a: number) => 1 - a * a;
  const w1 = init(2 * h);
  const b1 = new Float64Array(h);
  const w2 = init(h);
  const b2 = new Float64Array(1);
  const hidden = (x: number[]) => {
    const a = new Float64Array(h);
    for (let j = 0; j < h; j++) a[j] = act((w1[2 * j] as number) * (x[0] as number) + (w1[2 * j + 1] as number) * (x[1] as number) + (b1[j] as number));
    return a;
  };
  const out = (a: Float64Array) => {
    let z = b2[0] as number;
    for (let j = 0; j < h; j++) z += (w2[j] as number) * (a[j] as number);
    return sigmoid(z);
  };
  return {
    params: [w1, b1, w2, b2],
    predict: (x) => out(hidden(x)),
    backward(x, y, grads) {
      const a = hidden(x);
      const p = out(a);
      const d = p - y;
      const [gw1, gb1, gw2, gb2] = grads as [Float64Array, Float64Array, Float64Array, Float64Array];
      gb2[0] += d;
      for (let j = 0; j < h; j++) {
        gw2[j] += d * (a[j] as number);
        const dz = d * (w2[j] as number) * dact(a[j] as number);
        gw1[2 * j] += dz * (x[0] as number);
        gw1[2 * j + 1] += dz * (x[1] as number);
        gb1[j] += dz;
      }
      return -(y * Math.log(p + eps) + (1 - y) * Math.log(1 - p + eps));
    },
  };
}

export interface OptimizerConfig {
  name: 'sgd' | 'adam';
  lr: number;
  momentum?: number;
  betas?: [number, number];
  eps?: number;
  weight_decay: number;
}

export type Step = (params: Float64Array[], grads: Float64Array[]) => void;

export function makeOptimizer(cfg: OptimizerConfig, shapes: Float64Array[]): Step {
  const zeros = () => shapes.map((p) => new Float64Array(p.length));
  if (cfg.name === 'sgd') {
    const v = zeros();
    const mu = cfg.momentum ?? 0;
    return (params, grads) => {
      params.forEach((p, i) => {
        const g = grads[i] as Float64Array;
        const vi = v[i] as Float64Array;
        for (let k = 0; k < p.length; k++) {
          const gk = (g[k] as number) + cfg.weight_decay * (p[k] as number);
          vi[k] = mu * (vi[k] as number) + gk;
          p[k] = (p[k] as number) - cfg.lr * (vi[k] as number);
        }
      });
    };
  }
  const [b1, b2] = cfg.betas ?? [0.9, 0.999];
  const eps = cfg.eps ?? 1e-8;
  const m = zeros();
  const s = zeros();
  let t = 0;
  return (params, grads) => {
    t++;
    params.forEach((p, i) => {
      const g = grads[i] as Float64Array;
      const mi = m[i] as Float64Array;
      const si = s[i] as Float64Array;
      for (let k = 0; k < p.length; k++) {
        const gk = (g[k] as number) + cfg.weight_decay * (p[k] as number);
        mi[k] = b1 * (mi[k] as number) + (1 - b1) * gk;
        si[k] = b2 * (si[k] as number) + (1 - b2) * gk * gk;
        const mh = (mi[k] as number) / (1 - b1 ** t);
        const sh = (si[k] as number) / (1 - b2 ** t);
        p[k] = (p[k] as number) - (cfg.lr * mh) / (Math.sqrt(sh) + eps);
      }
    });
  };
}

/** Accuracy and mean log loss of a model on a dataset split. */
export function evaluate(model: Model, xs: number[][], ys: number[]): { accuracy: number; loss: number } {
  let correct = 0;
  let loss = 0;
  const zeroGrads = model.params.map((p) => new Float64Array(p.length));
  xs.forEach((x, i) => {
    const y = ys[i] as number;
    if ((model.predict(x) >= 0.5 ? 1 : 0) === y) correct++;
    loss += model.backward(x, y, zeroGrads);
  });
  return { accuracy: correct / xs.length, loss: loss / xs.length };
}
