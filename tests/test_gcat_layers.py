"""Tests for the GCAT layers (spacecoop.importers.gcat_launches, gcat_builds, gcat_layers): launch services
and co-ownership from the launch log, manufacturing contracts and curated missions from the deep-space
catalogue, on the real tables and on a small table with bad rows."""

import datetime as dt
from pathlib import Path

import pytest
from rdflib import Literal

from spacecoop import cli
from spacecoop.errors import SpaceCoopError
from spacecoop.importers import gcat
from spacecoop.importers.gcat_builds import (
    MISSIONS_FILE,
    curated_missions,
    match_missions,
    mission_links_text,
    payload_rows,
)
from spacecoop.importers.gcat_launches import launch_services
from spacecoop.importers.gcat_layers import (
    LAYERS_DIR,
    backbone_from,
    check_layer_size,
    curated_graph,
    import_layers,
    layer_turtle,
)
from spacecoop.importers.gcat_rows import Backbone
from spacecoop.importers.tabular import CC_BY_4
from spacecoop.namespaces import DCTERMS, ID, OA, RDF, SCO, VOCAB
from spacecoop.views.launch_market import launch_market_graph
from spacecoop.views.partnerships import Filters, partnership_rows

FIXTURES = Path(__file__).parent / "fixtures" / "gcat"
ROLE, TYPE, OUTCOME = VOCAB["role"], VOCAB["cooptype"], VOCAB["outcome"]


@pytest.fixture(scope="module")
def backbone():
    return backbone_from(gcat.import_gcat(gcat.DEFAULT_TSV, gcat.PREVIOUS_TSV).graph)


@pytest.fixture(scope="module")
def layers(backbone):
    return import_layers(backbone)


def index(layer):
    """subject → predicate → set of objects."""
    nodes = {}
    for s, p, o in layer.triples:
        nodes.setdefault(s, {}).setdefault(p, set()).add(o)
    return nodes


@pytest.fixture(scope="module")
def launches(layers):
    return index(layers.launches)


@pytest.fixture(scope="module")
def builders(layers):
    return index(layers.builds)


def parties(nodes, coop):
    """The (agent, role) pairs of a cooperation."""
    return {(next(iter(nodes[p][SCO.agent])), next(iter(nodes[p][SCO.role]))) for p in nodes[coop][SCO.participation]}


def of_type(nodes, kind):
    return [s for s, props in nodes.items() if TYPE[kind] in props.get(SCO.cooperationType, ())]


# --- counts from the real tables --------------------------------------------------------------


def test_launch_services_from_more_than_80_customer_states_and_igos(launches, backbone):
    services = of_type(launches, "launch-service")
    assert len(services) >= 3500
    customers = set()
    for coop in services:
        when = next(iter(launches[coop][SCO.startDate])).toPython()
        for agent, role in parties(launches, coop):
            if role == ROLE["customer"]:
                customers.add(backbone.state_of(agent, when) or agent)  # a state stands for itself
    assert len(customers) >= 80


def test_every_row_is_read_and_none_rejected(layers):
    launch_report, deep_report = layers.launches.reports[0], layers.builds.reports[0]
    assert (launch_report.rows_read, launch_report.rejected) == (23433, [])
    assert (deep_report.rows_read, deep_report.rejected) == (1208, [])


def test_a_cooperation_has_two_distinct_parties_and_a_dataset_row_as_evidence(launches, builders):
    for nodes, source in ((launches, "gcat-launchlog"), (builders, "gcat-deepcat")):
        for coop in [s for s, props in nodes.items() if SCO.cooperationType in props]:
            assert len({agent for agent, _ in parties(nodes, coop)}) >= 2, coop
            (evidence,) = nodes[coop][SCO.evidence]
            assert nodes[evidence][OA.hasSource] == {ID.source[source]}
            assert len(nodes[evidence][SCO.rowKey]) == 1


def test_states_are_those_of_the_launch_date(launches):
    for coop in of_type(launches, "launch-service"):
        when = next(iter(launches[coop][SCO.startDate])).toPython()
        agents = {agent for agent, _ in parties(launches, coop)}
        if when < dt.date(1991, 12, 26):
            assert ID.country["ru"] not in agents, coop
        else:
            assert ID.country["suhh"] not in agents, coop


# --- known rows -------------------------------------------------------------------------------


def test_ariel_1_on_a_us_thor_delta_in_1962(launches):
    coop = ID.cooperation["gcat-launch-s00285"]
    assert parties(launches, coop) == {(ID.org["bnc"], ROLE["customer"]), (ID.org["gsfc"], ROLE["launch-provider"])}
    assert launches[coop][SCO.startDate] == {Literal(dt.date(1962, 4, 26))}
    assert launches[coop][SCO.status] == {VOCAB["status"]["completed"]}
    craft = ID.spacecraft["s00285"]
    assert launches[coop][SCO.concerns] == {craft}
    assert launches[craft][SCO.jcat] == {Literal("S00285")}
    (launch,) = launches[craft][SCO.launch]
    assert launches[launch][SCO.launchVehicle] == {Literal("Thor Delta")}
    assert launches[launch][SCO.cosparId] == {Literal("1962 OMI")}
    assert launches[launch][SCO.outcome] == {OUTCOME["success"]}


def test_huygens_on_titan_iv_in_1997_and_cassini_is_domestic(launches):
    coop = ID.cooperation["gcat-launch-a06904"]
    assert parties(launches, coop) == {
        (ID.org["esa"], ROLE["customer"]),
        (ID.org["lerc"], ROLE["launch-provider"]),
        (ID.org["afsmc"], ROLE["launch-provider"]),
    }
    (launch,) = launches[ID.spacecraft["a06904"]][SCO.launch]
    assert launches[launch][SCO.launchVehicle] == {Literal("Titan 401B/Centaur")}
    assert launches[launch][SCO.date] == {Literal(dt.date(1997, 10, 15))}
    assert ID.cooperation["gcat-launch-s25008"] not in launches  # Cassini: JPL's on a US rocket


def test_jwst_on_ariane_5_in_2021_owned_by_nasa_and_esa(launches):
    coop = ID.cooperation["gcat-launch-s50463"]
    assert parties(launches, coop) == {
        (ID.org["gsfc"], ROLE["customer"]),
        (ID.org["esa"], ROLE["customer"]),
        (ID.org["ae"], ROLE["launch-provider"]),
    }
    (launch,) = launches[ID.spacecraft["s50463"]][SCO.launch]
    assert launches[launch][SCO.launchVehicle] == {Literal("Ariane 5ECA+")}
    owned = ID.cooperation["gcat-coowned-s50463"]
    assert parties(launches, owned) == {(ID.org["gsfc"], ROLE["co-owner"]), (ID.org["esa"], ROLE["co-owner"])}
    assert launches[owned][SCO.cooperationType] == {TYPE["co-ownership"]}


def test_a_failed_launch_is_still_a_completed_contract_with_its_outcome(launches):
    def outcome(coop):
        (craft,) = [thing for thing in launches[coop][SCO.concerns] if SCO.launch in launches.get(thing, {})]
        (launch,) = launches[craft][SCO.launch]
        return launches[launch].get(SCO.outcome, set())

    failed = [coop for coop in of_type(launches, "launch-service") if OUTCOME["failure"] in outcome(coop)]
    assert len(failed) > 50
    assert all(launches[coop][SCO.status] == {VOCAB["status"]["completed"]} for coop in failed)


def test_a_state_takes_part_where_no_organisation_of_its_side_says_it(launches):
    # Sputnik-era rows name Soviet organisations; a French launch by Arianespace needs no country:fr
    assert (ID.country["fr"], ROLE["launch-provider"]) not in parties(launches, ID.cooperation["gcat-launch-s50463"])
    with_state = [
        coop
        for coop in of_type(launches, "launch-service")
        if any(str(agent).startswith(str(ID.country[""])) for agent, _ in parties(launches, coop))
    ]
    assert 0 < len(with_state) < len(of_type(launches, "launch-service"))


# --- builders ---------------------------------------------------------------------------------


def test_manufacturing_contracts_from_the_deep_space_catalogue(builders):
    contracts = of_type(builders, "manufacturing-contract")
    assert len(contracts) >= 290
    hera = ID.cooperation["gcat-build-d01170"]  # ESA's HERA builders by OHB
    assert (ID.org["esa"], ROLE["customer"]) in parties(builders, hera)
    assert (ID.org["ohb"], ROLE["manufacturer"]) in parties(builders, hera)
    assert builders[hera][SCO.endDate] == {Literal(dt.date(2024, 10, 7))}
    assert ID.org["ohb"] in builders[ID.spacecraft["s61449"]][SCO.manufacturer]  # the launch log's HERA


def test_curated_missions_gain_the_gcat_row_their_list_gives(layers, builders, launches):
    linked = {match.mission: match for match in layers.matches}
    assert len(linked) >= 28
    assert builders[ID.mission["change-4"]][SCO.jcat] == {Literal("D01017")}
    assert builders[ID.mission["change-4"]][SCO.cosparId] == {Literal("2018-103A")}
    assert linked[ID.mission["luna-25"]].jcat == "D01128"
    # ESA's HERA on a US Falcon 9: the launch service concerns the curated mission too
    assert ID.mission["hera"] in launches[ID.cooperation["gcat-launch-s61449"]][SCO.concerns]


def test_every_listed_mission_is_a_curated_mission(layers):
    curated = curated_graph()
    for match in layers.matches:
        assert (match.mission, RDF.type, SCO.Mission) in curated, match.mission


@pytest.fixture(scope="module")
def fresh_matches():
    """The curated missions of graph/ matched to the deep-space catalogue now."""
    _, rows = payload_rows()
    return match_missions(curated_missions(curated_graph()), rows)


def test_the_mission_list_is_the_match_of_the_curated_missions_today(fresh_matches):
    # the list the layers read is rewritten by `import-gcat --match-missions`: a curated mission added since
    # (or a label changed) must not leave it behind
    matches, _ = fresh_matches
    assert mission_links_text(matches) == MISSIONS_FILE.read_text(encoding="utf-8")


def test_missions_are_matched_only_when_name_and_date_agree(fresh_matches):
    matches, unlinked = fresh_matches
    linked = {match.mission: match.jcat for match in matches}
    assert linked[ID.mission["luna-25"]] == "D01128" and linked[ID.mission["hiten"]] == "D00693"
    assert ID.mission["lisa"] not in linked  # LISA is not LISA Pathfinder (whose project name is LISA)
    assert ID.mission["grace"] not in linked  # the Earth-orbit GRACE is not the lunar hopper Grace
    assert ID.mission["luna-17"] not in linked and any("luna-17" in line for line in unlinked)


# --- bad rows, regeneration, the shrink guard -------------------------------------------------


def test_bad_rows_are_reported_with_their_line_and_the_rest_imported():
    backbone = Backbone({ID.org["bnc"]: ID.country["gb"], ID.org["gsfc"]: ID.country["us"]})
    layer = launch_services(backbone, FIXTURES / "launchlog.tsv")
    report = layer.reports[0]
    assert [(line, key) for line, key, _ in sorted(report.rejected)] == [(7, "S25009"), (8, "")]
    assert "launchlog.tsv:7 S25009: not a GCAT launch date" in report.format()
    assert layer.counts["launch-service"] == 2  # Ariel 1 and JWST; Huygens's ESA is not in this backbone
    assert any("I-ESA" in message for _, _, message in report.warnings)


def test_committed_layers_are_the_import_of_the_tables(layers):
    for layer in (layers.launches, layers.builds):
        assert layer_turtle(layer).encode("utf-8") == (LAYERS_DIR / f"{layer.name}.ttl").read_bytes()


def test_command_regenerates_the_layers_byte_identically(tmp_path, capsys):
    code = cli.main(["import-gcat", "--out", str(tmp_path / "organisations.ttl"), "--layers-dir", str(tmp_path)])
    assert code == 0
    for name in ("organisations", "launches", "builds"):
        assert (tmp_path / f"{name}.ttl").read_bytes() == (LAYERS_DIR / f"{name}.ttl").read_bytes(), name
    out = capsys.readouterr().out
    assert "launchlog.tsv: rows read: 23433" in out and "curated missions linked" in out


def test_a_layer_that_would_shrink_by_half_is_refused(tmp_path):
    out = tmp_path / "launches.ttl"
    out.write_text("".join(f"<urn:s{i}> <urn:p> <urn:o> .\n" for i in range(10)), encoding="utf-8")
    with pytest.raises(SpaceCoopError, match="shrinks its output"):
        check_layer_size(4, out, "launchlog.tsv")
    check_layer_size(4, out, "launchlog.tsv", allow_shrink=True)
    with pytest.raises(SpaceCoopError, match="empty"):
        check_layer_size(0, out, "launchlog.tsv")


def test_the_dataset_carries_its_licence_and_attribution(layers):
    nodes = index(layers.launches)
    dataset = nodes[ID.source["gcat-launchlog"]]
    assert SCO.Dataset in dataset[RDF.type]
    assert dataset[DCTERMS.license] == {CC_BY_4}
    assert "J. McDowell" in str(next(iter(dataset[DCTERMS.bibliographicCitation])))


# --- the layers in the built graph: kept apart, aggregated -------------------------------------


def test_stats_count_curated_and_dataset_derived_cooperation_apart(built):
    origin = built.stats["cooperation_by_origin"]
    assert origin["dataset"]["launch service"] >= 3500 and origin["dataset"]["manufacturing contract"] >= 290
    assert origin["curated"]["launch service"] >= 40 and "co-ownership" not in origin["curated"]
    assert sum(origin["curated"].values()) + sum(origin["dataset"].values()) == built.stats["entities"]["Cooperation"]


def test_the_launch_market_network_is_drawn_from_launch_services_alone(built):
    market = launch_market_graph(built.result.store)
    us, gb, fr, esa = (ID.country["us"], ID.country["gb"], ID.country["fr"], ID.org["i-esa"])
    assert market.has_edge(str(us), str(gb)) and "1960" in market.edges[str(us), str(gb)]["decades"]
    assert market.edges[str(fr), str(us)]["weight"] > 20  # Ariane's US customers
    assert len({customer for _, customer in market.edges}) >= 80
    after = launch_market_graph(built.result.store, since=2020)
    assert all("2020" in decades for _, _, decades in after.edges(data="decades"))
    assert str(esa) in market or str(ID.org["esa"]) in market


def test_partnership_views_choose_the_origin(built):
    curated = partnership_rows(built.result.store, "country", Filters(statuses=(), origin="curated"))
    dataset = partnership_rows(built.result.store, "country", Filters(statuses=(), origin="dataset"))
    everything = partnership_rows(built.result.store, "country", Filters(statuses=(), origin="all"))
    events = [sum(row.events for row in rows) for rows in (curated, dataset, everything)]
    assert events[1] > 3000 and events[0] + events[1] == events[2]
    assert all("gcat-" not in coop for row in curated for coop in row.cooperations)
    assert all("gcat-" in coop for row in dataset for coop in row.cooperations)


def test_trig_puts_each_gcat_table_in_its_own_named_graph_with_its_attribution(built):
    text = (built.out / "spacecoop.trig").read_text(encoding="utf-8")
    for table in ("gcat-launchlog", "gcat-deepcat"):
        assert f"<https://w3id.org/spacecoop/graph/source/{table}>" in text
    assert text.count("Data from GCAT (J. McDowell, planet4589.org/space/gcat)") >= 3
