import type { NewProduct } from './product';

/**
 * The demo catalogue seeded into an empty product table, so a fresh `npm start` can take
 * orders at once. Prices in EUR cents. SKU-0020 has only 5 units on purpose: ordering it a few
 * times shows an out-of-stock refusal and the saga's compensation.
 */
const ROWS: ReadonlyArray<readonly [sku: string, name: string, priceMinor: number, initialStock: number]> = [
  ['SKU-0001', 'Espresso cup, stoneware', 1_290, 240],
  ['SKU-0002', 'Pour-over kettle, 1 l', 4_990, 80],
  ['SKU-0003', 'Burr grinder, hand-held', 6_950, 60],
  ['SKU-0004', 'Single-origin beans, 250 g', 1_450, 500],
  ['SKU-0005', 'Paper filters, 100 pcs', 590, 450],
  ['SKU-0006', 'Milk jug, 350 ml', 1_990, 150],
  ['SKU-0007', 'Digital scale, 0.1 g', 2_990, 120],
  ['SKU-0008', 'French press, 8 cups', 3_490, 90],
  ['SKU-0009', 'Travel mug, insulated', 2_490, 300],
  ['SKU-0010', 'Tea infuser, steel', 890, 350],
  ['SKU-0011', 'Loose-leaf green tea, 100 g', 1_190, 400],
  ['SKU-0012', 'Cast-iron teapot, 0.8 l', 5_900, 50],
  ['SKU-0013', 'Coaster set, cork, 6 pcs', 990, 260],
  ['SKU-0014', 'Espresso machine, dual boiler', 129_900, 55],
  ['SKU-0015', 'Tamper, 58 mm', 3_290, 110],
  ['SKU-0016', 'Knock box', 2_750, 75],
  ['SKU-0017', 'Cleaning tablets, 50 pcs', 1_490, 220],
  ['SKU-0018', 'Cold-brew bottle, 1 l', 2_290, 140],
  ['SKU-0019', 'Gift card holder', 350, 480],
  ['SKU-0020', 'Limited-edition roaster mug', 3_900, 5],
];

export const DEMO_CATALOGUE: readonly NewProduct[] = ROWS.map(([sku, name, priceMinor, initialStock]) => ({
  sku,
  name,
  priceMinor,
  currency: 'EUR',
  initialStock,
}));
