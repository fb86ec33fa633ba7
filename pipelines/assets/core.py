"""The load assets: one per extract of the contract, each a table in the warehouse's `core`.

Each materialisation loads every new file version of its extract from the drop folder:
history keeps every version, quarantine every failing row, and core the current version of
every record. They write the one warehouse file, so they share the `warehouse` pool.
"""

import dagster as dg

from pipelines.assets.loading import CORE, load_extract
from pipelines.checks import check_specs
from pipelines.resources import (
    DropFolderResource,
    PseudonymKeyResource,
    WarehouseResource,
)


def _key(extract: str) -> dg.AssetKey:
    return dg.AssetKey(["core", extract])


@dg.asset(key=_key("cp_plans"), check_specs=check_specs(_key("cp_plans")), **CORE)
def cp_plans(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
             drop_folder: DropFolderResource, pseudonym_key: PseudonymKeyResource):
    """core.cp_plans: every child protection plan, its latest version, one row per child and
    plan start date (child_id pseudonymised), from Children's Services' monthly returns."""
    return load_extract(context, "cp_plans", warehouse, drop_folder, pseudonym_key)


@dg.asset(key=_key("adult_concerns"), check_specs=check_specs(_key("adult_concerns")), **CORE)
def adult_concerns(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                   drop_folder: DropFolderResource, pseudonym_key: PseudonymKeyResource):
    """core.adult_concerns: every adult safeguarding concern, its latest version, one row per
    concern; its types of risk are in core.adult_concern_risk_types, one row per type."""
    return load_extract(context, "adult_concerns", warehouse, drop_folder, pseudonym_key)


@dg.asset(key=_key("s42_enquiries"), check_specs=check_specs(_key("s42_enquiries")),
          deps=[_key("adult_concerns")], **CORE)
def s42_enquiries(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                  drop_folder: DropFolderResource, pseudonym_key: PseudonymKeyResource):
    """core.s42_enquiries: every section 42 and other safeguarding enquiry, its latest
    version, one row per enquiry. Loaded after the concerns, so an enquiry can be checked
    against the date its concern was received."""
    return load_extract(context, "s42_enquiries", warehouse, drop_folder, pseudonym_key)


@dg.asset(key=_key("police_incidents"), check_specs=check_specs(_key("police_incidents")), **CORE)
def police_incidents(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                     drop_folder: DropFolderResource, pseudonym_key: PseudonymKeyResource):
    """core.police_incidents: every child-abuse-related incident the police recorded, its
    latest version, with the CSE marker and whether a crime was recorded."""
    return load_extract(context, "police_incidents", warehouse, drop_folder, pseudonym_key)


@dg.asset(key=_key("training_attendance"), check_specs=check_specs(_key("training_attendance")), **CORE)
def training_attendance(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                        drop_folder: DropFolderResource, pseudonym_key: PseudonymKeyResource):
    """core.training_attendance: every booking on the partnership's safeguarding training,
    its latest version; a session is (course_code, session_date)."""
    return load_extract(context, "training_attendance", warehouse, drop_folder, pseudonym_key)


@dg.asset(key=_key("population"), check_specs=check_specs(_key("population")), **CORE)
def population(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
               drop_folder: DropFolderResource, pseudonym_key: PseudonymKeyResource):
    """core.population: ONS mid-year population estimates by age band, from the latest
    publication; the denominators of rates per 10,000."""
    return load_extract(context, "population", warehouse, drop_folder, pseudonym_key)


LOAD_ASSETS = [cp_plans, adult_concerns, s42_enquiries, police_incidents, training_attendance,
               population]
