//! A published co-creation timeline as iCalendar (RFC 5545): each phase an all-day event
//! (`VALUE=DATE`, the end day excluded as the RFC wants), with a stable UID per phase.

use ics::components::Parameter;
use ics::properties::{Description, DtEnd, DtStart, LastModified, Method, Summary, URL};
use ics::{escape_text, Event, ICalendar};

use super::model::PhaseRow;
use crate::resources::action_plans::model::ActionPlanRow;

fn stamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

pub fn render(plan: &ActionPlanRow, phases: &[PhaseRow], public_url: &str) -> String {
    let base = public_url.trim_end_matches('/');
    let page = format!("{base}/plans/{}/concertation", plan.slug);
    let host = base.split_once("://").map_or(base, |(_, r)| r).split(['/', ':']).next().unwrap_or("opendetat");
    let name = format!("Concertation — {}", plan.title);
    let mut cal = ICalendar::new("2.0", "-//Open d'État//Concertation//FR");
    cal.push(Method::new("PUBLISH"));
    cal.push(ics::properties::Name::new(escape_text(name.clone())));
    cal.push(ics::components::Property::new("X-WR-CALNAME", escape_text(name)));
    for p in phases {
        let mut e = Event::new(format!("co-creation-phase-{}@{host}", p.id), stamp(p.updated_at));
        e.push(LastModified::new(stamp(p.updated_at)));
        let mut start = DtStart::new(day(p.opens_on));
        start.add(Parameter::new("VALUE", "DATE"));
        e.push(start);
        let mut end = DtEnd::new(day(p.closes_on.succ_opt().unwrap_or(p.closes_on)));
        end.add(Parameter::new("VALUE", "DATE"));
        e.push(end);
        e.push(Summary::new(escape_text(p.title.clone())));
        let text = format!("{}\n\n{page}", p.description.trim());
        e.push(Description::new(escape_text(text.trim_start().to_string())));
        e.push(URL::new(page.clone()));
        cal.add_event(e);
    }
    cal.to_string()
}
