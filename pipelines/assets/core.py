"""The load assets, made from the extract specs: one per extract, each a table in the
warehouse's `core`.

Each materialisation loads every new file version of its extract from the drop folder:
history keeps every version, quarantine every failing row, and core the current version of
every record; a run with nothing new anywhere records an observation and materialises nothing
(`loading.nothing_new`). An extract whose spec says `after = [...]` is loaded after those (its rules read
their core tables). They write the one warehouse file, so they share the `warehouse` pool.
"""

import dagster as dg
import pandera.polars as pa

from pipelines.assets.external import DROP_FOLDER
from pipelines.assets.loading import CORE, load_extract
from pipelines.checks import check_specs
from pipelines.resources import (
    DropFolderResource,
    PseudonymKeyResource,
    WarehouseResource,
)
from wst_analytics.extracts import SCHEMAS


def core_key(extract: str) -> dg.AssetKey:
    return dg.AssetKey(["core", extract])


def describe(schema: pa.DataFrameSchema) -> str:
    """The asset's description, from its spec."""
    kind = "monthly returns" if schema.metadata["monthly"] else "a reference extract"
    key = ", ".join(schema.metadata["key"])
    text = (f"core.{schema.name}: {schema.description} From {kind} ({schema.name}/ in the drop "
            f"folder); key ({key}) within each partner; identifiers pseudonymised.")
    if schema.metadata["after"]:
        text += f" Loaded after {', '.join(schema.metadata['after'])}, whose records its rules read."
    return text


def load_asset(schema: pa.DataFrameSchema) -> dg.AssetsDefinition:
    """The load asset of one extract."""
    key = core_key(schema.name)

    @dg.multi_asset(specs=[dg.AssetSpec(key, description=describe(schema), skippable=True,
                                        deps=[DROP_FOLDER[schema.name],
                                              *(core_key(before) for before in schema.metadata["after"])],
                                        group_name=CORE["group_name"], kinds=CORE["kinds"])],
                    check_specs=check_specs(key), can_subset=True, name=f"core__{schema.name}",
                    pool=CORE["pool"])
    def load(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
             drop_folder: DropFolderResource, pseudonym_key: PseudonymKeyResource):
        yield from load_extract(context, schema.name, warehouse, drop_folder, pseudonym_key)

    return load


LOAD_ASSETS = [load_asset(schema) for schema in SCHEMAS.values()]
