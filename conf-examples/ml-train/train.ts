/**
 * The bundled ML example: train a small classifier with a config composed by tydra.
 *
 *   npm run example                                   # one run, written to outputs/<date>/<time>/
 *   npm run example -- optimizer=sgd optimizer.lr=0.05 model.hidden=32
 *   npm run example -- +experiment=quick
 *   npm run example -- -m optimizer.lr=0.1,0.01 seed=1,2 hydra/launcher=local
 *   npm run example -- --cfg job       npm run example -- --help
 *   npm run example -- optimizer.lr=fast   # a validation error naming the override
 */
import { main } from 'tydra';
import { evaluate, makeDataset, makeModel, makeOptimizer, rng } from './model.js';
import { Config } from './schema.js';

main({ configPath: 'conf', configName: 'config', name: 'train', schema: Config }, async (cfg, ctx) => {
  const data = makeDataset(cfg.dataset, cfg.seed);
  const model = makeModel(cfg.model, cfg.seed);
  const step = makeOptimizer(cfg.optimizer, model.params);
  const rand = rng(cfg.seed + 13);
  ctx.logger.info(`${cfg.model.name} on ${cfg.dataset.name} (${data.xTrain.length} train / ${data.xTest.length} test), ${cfg.optimizer.name} lr=${cfg.optimizer.lr}`);
  const order = data.xTrain.map((_, i) => i);
  for (let epoch = 1; epoch <= cfg.train.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (let start = 0; start < order.length; start += cfg.train.batch_size) {
      const batch = order.slice(start, start + cfg.train.batch_size);
      const grads = model.params.map((p) => new Float64Array(p.length));
      for (const i of batch) model.backward(data.xTrain[i] as number[], data.yTrain[i] as number, grads);
      for (const g of grads) for (let k = 0; k < g.length; k++) g[k] = (g[k] as number) / batch.length;
      step(model.params, grads);
    }
    if (epoch % cfg.train.log_every === 0 || epoch === cfg.train.epochs) {
      const m = evaluate(model, data.xTrain, data.yTrain);
      ctx.logger.info(`epoch ${epoch}: train loss ${m.loss.toFixed(4)} accuracy ${m.accuracy.toFixed(3)}`);
    }
  }
  const test = evaluate(model, data.xTest, data.yTest);
  ctx.logger.info(`test accuracy ${test.accuracy.toFixed(3)}, loss ${test.loss.toFixed(4)} → ${ctx.outputDir}`);
  return { accuracy: test.accuracy, loss: test.loss };
});
