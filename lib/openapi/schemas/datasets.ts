import { z } from 'zod';
import type { DatasetDetailView, DatasetItemView, DatasetView } from '@/lib/datasets/views';
import { describes, isoDate, jsonObject, presentJsonValue, uuid } from './shared';

const datasetFields = {
  id: uuid,
  name: z.string(),
  description: z.string(),
  itemCount: z.int(),
  createdAt: isoDate,
  updatedAt: isoDate,
};

export const datasetViewSchema = describes<DatasetView>()(z.object(datasetFields).meta({ id: 'DatasetView' }));

export const datasetDetailSchema = describes<DatasetDetailView>()(
  z
    .object({ ...datasetFields, variables: z.array(z.string()).meta({ description: "The sorted union of its items' input keys" }) })
    .meta({ id: 'DatasetDetail' }),
);

export const datasetItemViewSchema = describes<DatasetItemView>()(
  z
    .object({
      id: uuid,
      position: z.int(),
      input: jsonObject.meta({ description: 'Variable values' }),
      expected: presentJsonValue.meta({ description: 'Text or any JSON value; null when none' }),
      metadata: jsonObject,
      createdAt: isoDate,
      updatedAt: isoDate,
    })
    .meta({ id: 'DatasetItem' }),
);

export const addedItemsSchema = z.object({ count: z.int(), items: z.array(datasetItemViewSchema) }).meta({ id: 'AddedItems' });

export const importedItemsSchema = z.object({ count: z.int(), dataset: datasetDetailSchema }).meta({ id: 'ImportedItems' });
