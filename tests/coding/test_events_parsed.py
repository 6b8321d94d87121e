"""The rule-based coder on sentences parsed by the real English model: requests and roles of no country."""

from __future__ import annotations

import pytest

import realpolitik


def events_of(text: str, engine) -> list:
    """The coded events of one sentence."""
    return list(realpolitik.code_text(text, date="2024-03-01", engine=engine).events)


def triple_of(text: str, engine) -> tuple[str | None, str | None, str]:
    """Source country, target country and CAMEO code of a sentence's one event."""
    [event] = events_of(text, engine)
    return event.source.country, event.target.country if event.target else None, event.cameo


def test_an_appeal_to_act_is_the_appeal_not_the_act(engine):
    [event] = events_of("France urged Russia to withdraw its troops from Ukraine.", engine)
    assert (event.source.country, event.target.country) == ("FRA", "RUS")
    assert event.cameo == "0256"  # appeal for de-escalation, as 0356 is the promise of it


def test_wanting_another_state_to_act_is_an_appeal(engine):
    assert triple_of("Germany wants Turkey to release the journalists.", engine) == ("DEU", "TUR", "0253")


def test_a_role_of_no_country_acts_beside_a_named_side(engine):
    [event] = events_of("Rebels shelled the Malian army.", engine)
    assert (event.source.country, event.source.role) == (None, "REB")
    assert event.target.code == "MLIMIL" and event.cameo[:2] == "19"


def test_a_role_takes_the_state_its_in_phrase_names(engine):
    [event] = events_of("Police in Nigeria arrested two Cameroonian traders.", engine)
    assert (event.source.code, event.target.country, event.cameo) == ("NGACOP", "CMR", "173")


def test_an_unnamed_official_is_attribution_not_an_actor(engine):
    assert triple_of("A senior official said Iran had attacked Iraq.", engine) == ("IRN", "IRQ", "190")


def test_force_against_no_named_side_targets_the_state_where_it_happened(engine):
    [event] = events_of("Russian jets bombed a hospital in Syria.", engine)
    assert (event.source.country, event.target.country, event.cameo) == ("RUS", "SYR", "195")
    assert event.target.role is None and event.rule.endswith("+place")


def test_condemning_an_attack_by_soldiers_targets_the_soldiers(engine):
    events = events_of("France condemned an attack by Russian soldiers in eastern Ukraine.", engine)
    condemnation = next(e for e in events if e.source.country == "FRA")
    assert (condemnation.target.code, condemnation.cameo) == ("RUSMIL", "111")


def test_a_crash_is_no_attacker(engine):
    assert events_of("Forty passengers were killed by the Malaysia Airlines crash in Ukraine.", engine) == []


def test_exercises_alone_show_force_and_with_a_partner_are_cooperation(engine):
    [alone] = events_of("China staged military drills near Taiwan.", engine)
    assert (alone.source.country, alone.target.country, alone.cameo) == ("CHN", "TWN", "150")
    assert not alone.symmetric
    [together] = events_of("China staged military drills with Russia.", engine)
    assert (together.target.country, together.cameo, together.symmetric) == ("RUS", "062", True)


def test_a_future_attack_announced_by_its_author_is_a_threat(engine):
    [event] = events_of("Iran said it would retaliate against Israel.", engine)
    assert (event.source.country, event.target.country, event.cameo) == ("IRN", "ISR", "138")
    assert event.modality == "future"


def test_an_act_on_things_in_a_state_targets_that_state_but_a_venue_is_no_target(engine):
    [event] = events_of("United Nations inspectors examined the reactors in Iran.", engine)
    assert (event.source.code, event.target.country, event.cameo) == ("IGOUNO", "IRN", "090")
    [deal] = events_of("Russia and China signed a deal in Beijing.", engine)
    assert {deal.source.country, deal.target.country} == {"RUS", "CHN"}


def test_a_backer_is_not_the_actor_it_backs(engine):
    events = events_of("Iran-backed militias attacked US troops in Iraq.", engine)
    assert events and all(e.source.country != "IRN" for e in events)
    assert all(e.rule != "verb:back" for e in events)  # "-backed" describes, it reports no support


def test_partisans_are_not_the_state_they_side_with(engine):
    [event] = events_of("Pro-Russia rebels shelled Ukrainian troops.", engine)
    assert (event.source.country, event.source.role, event.target.code) == (None, "REB", "UKRMIL")


def test_a_coalition_led_by_a_state_acts_as_that_state(engine):
    assert triple_of("The Saudi-led coalition bombed Yemen.", engine) == ("SAU", "YEM", "195")


def test_receiving_weapons_from_a_state_is_that_state_arming_the_receiver(engine):
    [event] = events_of("Ukraine received weapons from Poland.", engine)
    assert (event.source.country, event.target.country, event.cameo) == ("POL", "UKR", "072")
    assert event.rule.endswith("+paired")


def test_rocket_fire_is_artillery_and_a_pull_out_a_military_retreat(engine):
    [rockets] = events_of("Hamas fired rockets at Israel.", engine)
    assert (rockets.target.country, rockets.cameo) == ("ISR", "194")  # CAMEO 194: rocket fire
    assert triple_of("Russia withdrew its troops from Georgia.", engine) == ("RUS", "GEO", "0874")


def test_civilians_of_no_country_are_a_target_beside_a_named_attacker(engine):
    [event] = events_of("Israeli soldiers shot three civilians.", engine)
    assert (event.source.code, event.target.role, event.target.country) == ("ISRMIL", "CVL", None)


def test_a_role_that_only_rules_a_state_is_no_side(engine):
    [event] = events_of("Obama criticised military-ruled Myanmar.", engine)
    assert (event.source.country, event.target.code) == ("USA", "MMR")  # not Myanmar's military


def test_expelling_diplomats_from_a_state_targets_that_state(engine):
    assert triple_of("Turkey expelled two diplomats from Vietnam on Friday.", engine) == ("TUR", "VNM", "161")


def test_a_phrasal_verb_is_found_after_an_earlier_preposition(engine):
    [event] = events_of("In June, China called on Japan to release the fishermen.", engine)
    assert (event.source.country, event.target.country, event.cameo[:2]) == ("CHN", "JPN", "02")


def test_what_is_seized_from_a_side_targets_that_side(engine):
    [event] = events_of("Russia seized Crimea from Ukraine in 2014.", engine)
    assert (event.source.country, event.target.country, event.cameo[:2]) == ("RUS", "UKR", "17")


def test_a_politician_attacking_an_ideology_criticises(engine):
    [event] = events_of("In an August speech, Trump attacked the ideology of radical Islam.", engine)
    assert (event.source.country, event.cameo) == ("USA", "111")


def test_saying_another_side_must_act_is_a_demand(engine):
    events = events_of("A British minister reiterated that Libya must hand over the suspects.", engine)
    assert [(e.source.country, e.target.country, e.cameo[:2], e.rule) for e in events] == [
        ("GBR", "LBY", "10", "obligation:must")]


def test_saying_another_side_should_act_is_an_appeal(engine):
    assert triple_of("France said Russia should withdraw its troops from Ukraine.", engine) \
        == ("FRA", "RUS", "0256")


def test_what_a_side_must_do_asks_for_no_event_of_its_own(engine):
    events = events_of("Britain said the Sudanese government must reach a deal with the rebels.", engine)
    # a demand (10) for diplomatic cooperation (102, as a deal promised would be 032)
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("GBR", "SDNGOV", "102")]


def test_a_side_telling_of_its_own_duty_is_no_demand(engine):
    assert not any(e.rule.startswith("obligation") for e in events_of(
        "Iran said it must retaliate against Israel.", engine))


def test_a_passive_killing_takes_its_source_from_the_weapons_owner(engine):
    events = events_of("Four children were killed in Israeli tank shelling in the east of the Gaza Strip.",
                       engine)
    assert [(e.source.country, e.target.country, e.cameo[:2]) for e in events][:1] == [("ISR", "PSE", "19")]


def test_victims_of_no_named_state_belong_to_the_place(engine):
    [event] = events_of("Israeli troops killed three civilians in the West Bank.", engine)
    assert (event.source.code, event.target.code) == ("ISRMIL", "PSECVL")


def test_a_threat_targets_the_side_its_condition_names(engine):
    text = "Iran threatened to close the Strait of Hormuz if the European Union imposes an oil embargo."
    [event] = events_of(text, engine)
    assert (event.source.country, event.target.code, event.cameo[:2]) == ("IRN", "IGOEU", "13")


def test_a_threat_of_an_act_the_lexicon_cannot_code_is_still_a_threat(engine):
    events = events_of("Al-Qaeda has threatened to deliver devastating blows to the United States.", engine)
    assert [(e.target.country, e.cameo[:2]) for e in events] == [("USA", "13")]


def test_a_newspaper_reporting_an_attack_claims_nothing(engine):
    [event] = events_of("The Jerusalem Post said Israel struck Syria.", engine)
    assert (event.source.country, event.target.country, event.cameo[:2]) == ("ISR", "SYR", "19")


def test_an_act_promised_unless_the_other_side_yields_is_a_threat(engine):
    [event] = events_of("The US will cut aid to Egypt unless Cairo releases the activists.", engine)
    assert (event.source.country, event.target.country, event.cameo[:2], event.modality) == (
        "USA", "EGY", "13", "future")


def test_withdrawing_inspectors_reduces_relations(engine):
    [event] = events_of("The UN withdrew its inspectors from Iraq.", engine)
    assert (event.target.country, event.cameo) == ("IRQ", "1662")


def test_a_coded_objects_preposition_on_the_verb_still_names_the_target(engine):
    assert triple_of("The United States will lift sanctions on Iran.", engine) == ("USA", "IRN", "085")


@pytest.mark.parametrize("text, cameo", [
    ("The United States will supply arms to Israel.", "072"),
    ("Putin is scheduled to visit India next week.", "042"),
    ("Israel announced it would free 150 Palestinian prisoners.", "0353"),
    ("Japan pledged to supply arms to the Philippines.", "0332"),
])
def test_a_planned_act_is_the_act_and_a_voiced_one_an_intention(text, cameo, engine):
    """CAMEO coders (PETRARCH, GDELT) code a reported plan as the act; the modality says it is to come,
    and PLOVER, whose manual codes future cooperation as AGREE, says AGREE either way."""
    [event] = events_of(text, engine)
    assert (event.cameo, event.modality, event.plover) == (cameo, "future", "AGREE")


def test_rejecting_an_accusation_is_a_denial_of_its_maker(engine):
    assert triple_of("China rejected accusations from the United States that it hid the outbreak.", engine) \
        == ("CHN", "USA", "016")


def test_a_rejected_proposal_targets_its_maker_wherever_the_parser_hangs_from(engine):
    [event] = events_of("Iran rejected the proposal from France.", engine)
    assert (event.source.country, event.target.country, event.cameo[:2]) == ("IRN", "FRA", "12")


def test_people_a_states_police_arrest_are_its_own_when_no_place_is_named(engine):
    [event] = events_of("Egyptian police arrested 12 demonstrators on Monday.", engine)
    assert (event.source.code, event.target.code, event.cameo) == ("EGYCOP", "EGYCVL", "173")


@pytest.mark.parametrize("text, code", [("Germany gave 352.5 million euros to Ethiopia.", "071"),
                                        ("Japan pledged $500 million to Ukraine.", "0331")])
def test_a_sum_of_money_given_or_pledged_is_economic_aid(engine, text, code):
    [event] = events_of(text, engine)
    assert event.cameo == code


def test_a_call_on_a_weekday_is_a_call_not_an_appeal(engine):
    [event] = events_of("Netanyahu called Australian Prime Minister Scott Morrison on Wednesday.", engine)
    assert (event.target.country, event.cameo) == ("AUS", "041")


def test_a_call_made_to_do_something_is_the_call_and_that_act_towards_the_one_called(engine):
    text = "Netanyahu called Australian Prime Minister Scott Morrison on Wednesday to congratulate him."
    events = events_of(text, engine)
    assert sorted((e.target.country, e.cameo) for e in events) == [("AUS", "041"), ("AUS", "051")]
    talks = events_of("Putin called Macron to discuss Ukraine.", engine)
    assert {(e.target.country, e.cameo) for e in talks} == {("FRA", "041"), ("FRA", "040")}  # not Ukraine


@pytest.mark.parametrize("text, code", [("Mexican workers went on strike on Monday.", "14"),
                                        ("Pakistan has launched cyber warfare against India.", "19"),
                                        ("Protesters in Kosovo burned the Macedonian flag.", "17")])
def test_strikes_warfare_and_burnt_flags(engine, text, code):
    events = events_of(text, engine)
    assert [e.cameo[:2] for e in events][:1] == [code]


def test_a_state_that_protests_complains_and_its_people_demonstrate(engine):
    assert triple_of("Russia protested the decision of Ukraine.", engine) == ("RUS", "UKR", "114")
    [rally] = events_of("Thousands of Algerians protested in Algiers.", engine)
    assert (rally.source.country, rally.target, rally.cameo) == ("DZA", None, "141")


def test_civilians_blocking_roads_obstruct_while_a_state_blockades(engine):
    [obstruction] = events_of("Demonstrators in Baghdad blocked a road on Tuesday.", engine)
    assert (obstruction.source.code, obstruction.target, obstruction.cameo) == ("IRQCVL", None, "144")
    assert triple_of("Israel blocked the road to Gaza.", engine) == ("ISR", "PSE", "191")


def test_a_modifier_names_the_kind_of_strike(engine):
    [hunger] = events_of("Algerian students staged a hunger strike.", engine)
    assert (hunger.source.code, hunger.target, hunger.cameo) == ("DZAEDU", None, "142")
    [general] = events_of("Nigerian workers began a general strike.", engine)
    assert (general.source.code, general.target, general.cameo) == ("NGALAB", None, "143")


def test_calling_off_a_protest_eases_dissent_and_refusing_to_end_it_rejects(engine):
    [eased] = events_of("Kenyan opposition leaders called off their protests against the government.", engine)
    assert (eased.source.code, eased.cameo) == ("KENOPP", "082")
    assert all(e.cameo[:2] != "14" for e in events_of(
        "Somali opposition leaders agreed to postpone a protest over election delays.", engine))


def test_a_trigger_word_naming_a_kind_of_actor_is_no_event(engine):
    events = events_of("Sudanese protest leaders met Ethiopian officials.", engine)
    assert [e.cameo for e in events] == ["040"]


def test_weapons_that_hit_a_place_are_their_owners_attack(engine):
    assert triple_of("Russian missiles hit Kyiv on Monday.", engine) == ("RUS", "UKR", "190")
    assert triple_of("Trump hit out at China over trade.", engine) == ("USA", "CHN", "111")


def test_a_threat_targets_the_side_its_condition_names_and_a_place_its_apposition_names(engine):
    events = events_of("Hezbollah threatened to shell Haifa, Israel's third largest city, if Israel hits "
                       "Beirut.", engine)
    threat = next(e for e in events if e.cameo[:2] == "13")
    assert (threat.source.code, threat.target.country) == ("LBNREB", "ISR")
    assert next(e for e in events if e.cameo == "190").modality == "hypothetical"


def test_returning_a_thing_returns_property_but_returning_home_is_no_event(engine):
    [event] = events_of("The United States returned two paintings to the government of Brazil.", engine)
    assert (event.source.country, event.target.code, event.cameo) == ("USA", "BRAGOV", "0842")
    [agency] = events_of("ICE returned 11 oil paintings to Germany.", engine)
    assert (agency.source.code, agency.target.country, agency.cameo) == ("USACOP", "DEU", "0842")
    assert events_of("Putin returned to Moscow.", engine) == []


def test_drills_held_alone_show_force_near_the_side_they_face(engine):
    assert triple_of("North Korea staged war games near the border with South Korea.", engine) \
        == ("PRK", "KOR", "150")
    [drills] = events_of("Russia held naval drills in the Baltic Sea.", engine)
    assert (drills.source.country, drills.target, drills.cameo) == ("RUS", None, "150")


def test_lifting_a_state_of_emergency_needs_no_target(engine):
    [event] = events_of("Egypt has lifted a three-month-old state of emergency.", engine)
    assert (event.source.country, event.target, event.cameo) == ("EGY", None, "0814")


def test_a_hyphenated_cease_fire_is_a_ceasefire(engine):
    [event] = events_of("Afghan President Ashraf Ghani announced a cease-fire with the Taliban.", engine)
    assert (event.source.code, event.target.code, event.cameo) == ("AFGGOV", "AFGINS", "0871")


def test_mediation_targets_the_sides_between_which_it_runs(engine):
    events = events_of("Kuwait launched a mediation effort between Qatar and Saudi Arabia.", engine)
    assert {(e.source.country, e.target.country, e.cameo) for e in events} == {
        ("KWT", "QAT", "045"), ("KWT", "SAU", "045")}
    ended = events_of("Norway ended mediation efforts between Sri Lanka and the Tamil Tigers.", engine)
    assert ended and all(e.cameo == "165" and e.source.country == "NOR" for e in ended)


def test_refusing_refugees_rejects_and_taking_them_in_grants_asylum(engine):
    [refusal] = events_of("Lebanon says it will not accept any more Syrian refugees.", engine)
    assert (refusal.source.country, refusal.target.country, refusal.cameo[:2]) == ("LBN", "SYR", "12")
    assert triple_of("The United States accepted 1,141 Iraqi refugees in May.", engine) \
        == ("USA", "IRQ", "075")


def test_agreeing_with_a_view_is_a_statement_not_a_deal(engine):
    [view] = events_of("France said it agrees with Germany that sanctions should stay.", engine)
    assert (view.source.country, view.target.country, view.cameo) == ("FRA", "DEU", "010")
    assert not view.symmetric
    [deal] = events_of("India agreed with Russia to build a nuclear plant.", engine)
    assert (deal.source.country, deal.target.country, deal.cameo[:2]) == ("IND", "RUS", "03")


def test_peacekeepers_arriving_keep_the_peace_troops_deploy_and_leaders_visit(engine):
    assert triple_of("Some 163 Chinese peacekeepers arrived in South Sudan on Thursday.", engine) \
        == ("CHN", "SSD", "074")
    [troops] = events_of("Hundreds of British troops have arrived in Mali.", engine)
    assert (troops.source.code, troops.target.country, troops.cameo) == ("GBRMIL", "MLI", "154")
    assert triple_of("Modi arrived in Moscow.", engine) == ("IND", "RUS", "042")


def test_the_object_names_the_kind_of_aid_and_a_headline_verb_tagged_as_noun_still_acts(engine):
    [medical] = events_of("The U.S. military gives medical equipment to Nicaragua.", engine)
    assert (medical.source.code, medical.target.country, medical.cameo) == ("USAMIL", "NIC", "073")
    events = events_of("EU and UN hand over medical supplies to the Nigerian Government.", engine)
    assert {(e.source.code, e.target.code, e.cameo) for e in events} == {
        ("IGOEU", "NGAGOV", "073"), ("IGOUNO", "NGAGOV", "073")}


def test_sharing_evidence_shares_information(engine):
    [event] = events_of("Turkish officials shared evidence with Saudi Arabia.", engine)
    assert (event.source.code, event.target.country, event.cameo) == ("TURGOV", "SAU", "064")


def test_considering_an_act_weighs_an_option(engine):
    assert triple_of("Japan is considering sending aid to North Korea.", engine) == ("JPN", "PRK", "014")


def test_troops_on_alert_and_forces_strengthened_mobilise(engine):
    [alert] = events_of("Israeli troops remained on alert in the north.", engine)
    assert (alert.source.code, alert.cameo) == ("ISRMIL", "152")
    assert triple_of("Russia has strengthened its forces in Crimea.", engine) == ("RUS", "UKR", "154")


def test_a_state_reporting_its_own_strike_acts_while_a_claim_claims(engine):
    [report] = events_of("The Pentagon said it hit five bases in Iraq.", engine)
    assert (report.source.code, report.target.country, report.cameo) == ("USAMIL", "IRQ", "190")
    assert triple_of("The US claimed that it had attacked Iraq.", engine) == ("USA", "IRQ", "015")


def test_welcoming_a_step_praises_and_welcoming_a_leader_hosts(engine):
    [praise] = events_of("Germany welcomed the OPCW visit.", engine)
    assert (praise.source.country, praise.target.code, praise.cameo) == ("DEU", "IGOOPCW", "051")
    [host] = events_of("Putin welcomed Modi to Moscow.", engine)
    assert (host.source.code, host.target.country, host.cameo) == ("RUSGOV", "IND", "043")


def test_completing_a_withdrawal_retreats_and_granting_permission_yields(engine):
    assert triple_of("The United States completed its withdrawal of troops from Iraq.", engine) \
        == ("USA", "IRQ", "0874")
    [permission] = events_of("The European Commission granted the Portuguese government permission to "
                             "inject funds.", engine)
    assert (permission.target.code, permission.cameo) == ("PRTGOV", "080")


def test_the_word_before_action_names_it(engine):
    [legal] = events_of("The European Commission has launched legal action against the Polish government.",
                        engine)
    assert (legal.source.code, legal.target.code, legal.cameo) == ("IGOEUCOM", "POLGOV", "115")
    assert triple_of("France took military action against Libya.", engine) == ("FRA", "LBY", "190")


def test_searching_a_place_investigates_and_a_consul_is_a_diplomat(engine):
    [event] = events_of("Turkish police searched the Saudi consul general's residence.", engine)
    assert (event.source.code, event.target.code, event.cameo) == ("TURCOP", "SAUGOV", "090")
    assert events_of("Rescuers searched for survivors in Turkey.", engine) == []


def test_a_bare_infinitive_misparsed_as_a_conjunct_takes_no_subject(engine):
    events = events_of("A Tunisian court jailed a Nigerian student for helping militants join an armed group "
                       "in Lebanon.", engine)
    assert [(e.source.code, e.target.country, e.cameo) for e in events] == [("TUNJUD", "NGA", "173")]


def test_a_passive_conjunct_shares_the_subject(engine):
    [event] = events_of("Ten Ukrainian soldiers were captured and were later released by Russia.", engine)
    assert (event.source.country, event.target.code, event.cameo) == ("RUS", "UKRMIL", "0841")


def test_failing_to_reach_a_deal_rejects_it_and_a_failed_attack_is_no_event(engine):
    events = events_of("The United States and South Korea failed to reach agreement on a free-trade deal.",
                       engine)
    assert [(e.source.country, e.target.country, e.cameo) for e in events] == [("USA", "KOR", "120")]
    assert events_of("Russia failed to capture Kyiv.", engine) == []
    [deal] = events_of("The UK and the EU reached a deal on the Irish border.", engine)
    assert ({deal.source.country, deal.target.code}, deal.cameo) == ({"GBR", "IGOEU"}, "057")


def test_removing_or_cutting_sanctions_and_tariffs_eases_them(engine):
    assert triple_of("The United States reduced tariffs on China's exports.", engine) == ("USA", "CHN", "085")


def test_fighting_a_disease_or_meeting_a_deadline_is_no_event(engine):
    events = events_of("Germany sent funds to fight the Ebola epidemic in Liberia.", engine)
    assert all(e.cameo[:2] != "19" for e in events)
    assert events_of("Iran said it would meet the deadline set by France.", engine) == []
    [accede] = events_of("The rebels met the Malian government's demands.", engine)
    assert (accede.target.code, accede.cameo) == ("MLIGOV", "083")


def test_troops_sent_to_keep_the_peace_keep_it_and_a_deployment_faces_the_side_named(engine):
    [peace] = events_of("Britain is deploying 300 troops to the UN peacekeeping mission in Mali.", engine)
    assert (peace.source.country, peace.cameo) == ("GBR", "074")
    assert triple_of("Russia deployed troops to the border with Ukraine.", engine) == ("RUS", "UKR", "154")


def test_calling_for_sanctions_against_a_side_denounces_it(engine):
    [event] = events_of("Greek Foreign Minister Nikos Dendias called for sanctions against Turkey.", engine)
    assert (event.source.code, event.target.country, event.cameo) == ("GRCGOV", "TUR", "111")


def test_an_object_parsed_as_the_subject_of_a_gerund_is_still_the_object(engine):
    [event] = events_of("Lebanon says it will not accept Syrian refugees fleeing the war.", engine)
    assert (event.source.country, event.target.country, event.cameo[:2]) == ("LBN", "SYR", "12")


def test_contributing_to_a_side_aids_it_and_being_ready_to_is_an_intent(engine):
    [intent] = events_of("Vietnam is ready to contribute more to United Nations peacekeeping.", engine)
    assert (intent.source.country, intent.target.code, intent.cameo) == ("VNM", "IGOUNO", "033")
    assert triple_of("Germany contributed 50 million euros to Jordan.", engine) == ("DEU", "JOR", "071")
    assert events_of("Corruption contributed to the decline of Venezuela.", engine) == []


def test_a_decision_is_the_act_decided_on(engine):
    [event] = events_of("Japan decided on Thursday to ease some sanctions on North Korea.", engine)
    assert (event.source.country, event.target.country, event.cameo, event.modality) == (
        "JPN", "PRK", "085", "asserted")


def test_human_shields_are_hostages_and_seeking_refuge_appeals_for_it(engine):
    [shields] = events_of("Islamic State militants held Iraqi civilians as human shields in Raqqa.", engine)
    assert (shields.target.code, shields.cameo) == ("IRQCVL", "181")
    assert triple_of("Thousands of Syrians have sought refuge in Turkey.", engine) == ("SYR", "TUR", "0233")


def test_pledging_support_endorses(engine):
    assert triple_of("Hungary pledged its full support for Italy's initiative.", engine) \
        == ("HUN", "ITA", "051")


def test_a_crowd_blocking_roads_obstructs_whatever_state_it_belongs_to(engine):
    [event] = events_of("Angry French workers blocked the Europe Bridge for three hours.", engine)
    assert (event.source.country, event.cameo) == ("FRA", "144")


def test_prohibiting_or_reducing_aid_cuts_it(engine):
    [cut] = events_of("The United Nations reduced food supplies to Cambodian refugees.", engine)
    assert (cut.source.code, cut.target.country, cut.cameo) == ("IGOUNO", "KHM", "162")


def test_a_scathing_attack_is_criticism_and_a_missile_attack_force(engine):
    [words] = events_of("Russia launched a scathing attack on Ukraine's government.", engine)
    assert (words.source.country, words.target.code, words.cameo) == ("RUS", "UKRGOV", "111")
    assert triple_of("Israel launched a missile attack on Gaza.", engine) == ("ISR", "PSE", "190")


def test_a_role_of_several_states_is_each_states_role(engine):
    [event] = events_of("The foreign ministers of India and China met in Moscow on Tuesday.", engine)
    assert {event.source.code, event.target.code} == {"INDGOV", "CHNGOV"} and event.cameo == "040"
    [signing] = events_of("The presidents of Russia and Turkey signed a gas deal.", engine)
    assert {signing.source.country, signing.target.country} == {"RUS", "TUR"} and signing.cameo == "057"


def test_a_clash_between_forces_and_a_crowd_is_repression_and_riot(engine):
    events = events_of("Israeli troops clashed with Palestinian protesters in Hebron.", engine)
    assert sorted((e.source.country, e.target.country, e.cameo, e.symmetric) for e in events) == [
        ("ISR", "PSE", "175", False), ("PSE", "ISR", "145", False)]
    [war] = events_of("Indian and Chinese troops clashed on the border.", engine)
    assert war.cameo == "190" and war.symmetric


def test_a_crowd_destroying_property_riots_and_armed_men_do_not(engine):
    assert triple_of("The Russian building was demolished by a Ukrainian protestor.", engine) \
        == ("UKR", "RUS", "145")
    [raid] = events_of("French police stormed a migrant camp in Calais.", engine)
    assert (raid.source.code, raid.target.code, raid.cameo) == ("FRACOP", "FRA", "190")  # not a riot


def test_sympathy_goes_to_the_state_where_the_mourned_happened(engine):
    assert triple_of("Obama expressed condolences to the victims of the attack in Kenya.", engine) \
        == ("USA", "KEN", "018")


def test_attending_a_meeting_abroad_visits_the_host(engine):
    [event] = events_of("Obama attended a summit in Switzerland.", engine)
    assert (event.source.country, event.target.country, event.cameo) == ("USA", "CHE", "042")
    assert not event.symmetric
    assert not events_of("Indian ministers attended a conference in India.", engine)


def test_a_threatened_act_named_by_a_noun_is_the_threat(engine):
    assert triple_of("China threatened to stage a military offensive against Taiwan.", engine) \
        == ("CHN", "TWN", "138")


def test_peacekeepers_counted_in_a_unit_still_keep_the_peace(engine):
    assert triple_of("A detachment of Bangladeshi peacekeeping troops arrived in Sierra Leone.", engine) \
        == ("BGD", "SLE", "074")


def test_a_demand_that_a_side_act_is_a_demand_of_that_side(engine):
    for text in ("Germany reiterated its demand that Israel ease restrictions on Palestinian workers.",
                 "Germany reiterated its demand today that Israel ease restrictions on Palestinian workers."):
        [event] = events_of(text, engine)
        assert (event.source.country, event.target.country, event.cameo) == ("DEU", "ISR", "1051")


def test_refusing_to_let_a_side_in_refuses_involvement_and_its_act_did_not_happen(engine):
    [event] = events_of("Israel refused to allow UN planes to land and evacuate the observers.", engine)
    assert (event.source.country, event.target.code, event.cameo) == ("ISR", "IGOUNO", "1245")


def test_flying_in_medicine_is_aid_and_approving_a_loan_lends(engine):
    assert triple_of("Germany flew 13 tons of medicine into Afghanistan.", engine) == ("DEU", "AFG", "073")
    assert triple_of("Japan approved a loan to Egypt.", engine) == ("JPN", "EGY", "071")


def test_an_armed_group_or_the_opposition_is_not_its_own_states_side(engine):
    assert triple_of("Boko Haram attacked a town in northeastern Nigeria.", engine) == ("NGA", "NGA", "190")
    assert triple_of("Syrian rebels shelled Syria.", engine) == ("SYR", "SYR", "194")
    [event] = events_of("The Syrian army shelled Syria.", engine)  # the state's own army: one side
    assert event.target is None


def test_an_organ_of_a_state_acting_on_a_place_in_it_is_a_domestic_event(engine):
    assert triple_of("The US president expressed sorrow for the shootings in South Carolina.", engine) \
        == ("USA", "USA", "018")
    assert triple_of("The Ethiopian army shelled Tigray.", engine) == ("ETH", "ETH", "194")
    [claim] = events_of("The US Secretary of State said the United States will help Israel.", engine)
    assert (claim.source.country, claim.target.country) == ("USA", "ISR")  # the state itself: one side


def test_a_weapon_stands_for_whoever_fired_or_planted_it(engine):
    assert triple_of("Two Afghan soldiers were killed by a roadside bomb planted by Taliban insurgents.",
                     engine)[:2] == ("AFG", "AFG")
    text = "A Turkish airliner was shot down by a missile believed to be fired by Syrian rebels."
    [event] = events_of(text, engine)
    assert (event.source.code, event.target.country) == ("SYRREB", "TUR")


@pytest.mark.parametrize("text, code", [
    ("Russian troops attacked Ukrainian positions with artillery.", "194"),
    ("Syrian rebels attacked the Turkish convoy with rifles.", "193"),
    ("A Turkish airliner was blown up by a missile fired by Syrian rebels.", "194"),
    ("Syrian rebels attacked the Turkish convoy.", "190"),
])
def test_the_weapon_an_attack_was_made_with_gives_its_code(engine, text, code):
    assert triple_of(text, engine)[2] == code


def test_a_permitted_act_is_the_permitted_sides_and_a_refused_one_does_not_happen(engine):
    coded = {(e.source.country, e.target.country if e.target else None, e.cameo)
             for e in events_of("The United States gave Israel permission to attack Iran.", engine)}
    assert coded == {("USA", "ISR", "080"), ("ISR", "IRN", "190")}
    refused = events_of("Obama said he would not give permission to Russia to help Israel.", engine)
    assert [(e.source.country, e.target.country, e.cameo) for e in refused] == [("USA", "RUS", "124")]
    text = "Turkey refused to give the United States permission to use its bases to attack Iraq."
    assert "190" not in {e.cameo for e in events_of(text, engine)}  # no attack was allowed


def test_a_refused_act_is_one_rejection_not_a_refusal_beside_it(engine):
    [event] = events_of("Israel refused to meet Palestinian leaders.", engine)
    assert (event.source.country, event.target.country, event.cameo) == ("ISR", "PSE", "125")


@pytest.mark.parametrize("text, triple", [
    ("Russia faces new sanctions from the European Union.", (None, "RUS", "163")),
    ("Iran faces criticism from France over its nuclear program.", ("FRA", "IRN", "111")),
])
def test_what_a_side_faces_from_another_is_the_others_act(engine, text, triple):
    assert triple_of(text, engine) == triple


def test_facing_a_rival_in_a_final_is_no_event(engine):
    assert events_of("Brazil will face Germany in the final.", engine) == []
