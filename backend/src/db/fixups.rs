//! Changes to stored rows that need the application's code, applied by the migrate step after
//! the SQL migrations: each once, recorded in `data_fixups`.

use diesel::pg::PgConnection;
use diesel::prelude::*;

/// Renders the markdown of rows written before rendered HTML was stored (a data migration
/// that needs Rust, so it runs after the SQL migrations). Cheap when there is nothing to do.
pub fn render_missing_html(conn: &mut PgConnection) -> QueryResult<usize> {
    use crate::db::schema::{commitments as c, forums as f, milestones as m};
    use crate::markdown::render;
    let mut done = 0;
    let rows: Vec<(i64, String)> =
        f::table.filter(f::description_html.is_null()).select((f::id, f::description)).load(conn)?;
    for (id, text) in rows {
        done += diesel::update(f::table.find(id)).set(f::description_html.eq(render(&text))).execute(conn)?;
    }
    let rows: Vec<(i64, Option<String>, Option<String>)> = c::table
        .filter(
            (c::description.is_not_null().and(c::description_html.is_null()))
                .or(c::irm_analysis.is_not_null().and(c::irm_analysis_html.is_null())),
        )
        .select((c::id, c::description, c::irm_analysis))
        .load(conn)?;
    for (id, description, analysis) in rows {
        done += diesel::update(c::table.find(id))
            .set((
                c::description_html.eq(description.as_deref().map(render)),
                c::irm_analysis_html.eq(analysis.as_deref().map(render)),
            ))
            .execute(conn)?;
    }
    let rows: Vec<(i64, Option<String>)> = m::table
        .filter(m::description.is_not_null().and(m::description_html.is_null()))
        .select((m::id, m::description))
        .load(conn)?;
    for (id, description) in rows {
        done += diesel::update(m::table.find(id))
            .set(m::description_html.eq(description.as_deref().map(render)))
            .execute(conn)?;
    }
    Ok(done)
}

/// A data fix-up: a change to stored rows that needs the application's code, applied once,
/// named by the day it was written.
pub type DataFixup = (&'static str, fn(&mut PgConnection) -> QueryResult<usize>);

/// The kernel's own fix-up: images from other hosts became links in stored HTML.
pub const REMOTE_IMAGES_BECOME_LINKS: DataFixup = ("2026-11-29-remote-images-become-links", rerender_images);

/// Applies, in the order given (the order they were written), the fix-ups not applied yet;
/// each runs once, recorded in `data_fixups` in the same transaction (instances starting
/// together wait for each other on that row). Returns the names of those it applied.
pub fn apply(conn: &mut PgConnection, fixups: &[DataFixup]) -> QueryResult<Vec<(&'static str, usize)>> {
    use crate::db::schema::data_fixups as d;
    let mut applied = Vec::new();
    for &(name, fixup) in fixups {
        let rows = conn.transaction(|conn| {
            let claimed =
                diesel::insert_into(d::table).values(d::name.eq(name)).on_conflict_do_nothing().execute(conn)?;
            if claimed == 0 {
                return Ok(None);
            }
            fixup(conn).map(Some)
        })?;
        if let Some(rows) = rows {
            applied.push((name, rows));
        }
    }
    Ok(applied)
}

/// Renders anew the stored HTML of markdown that may hold an image (`![`), now that images
/// from other hosts become links (`markdown::render`).
fn rerender_images(conn: &mut PgConnection) -> QueryResult<usize> {
    use crate::db::schema::{comments as cm, commitments as c, forums as f, milestones as m};
    use crate::markdown::{render, IMAGE_MARK};
    let pattern = format!("%{IMAGE_MARK}%");
    let mut done = 0;
    let rows: Vec<(i64, String)> = cm::table.filter(cm::body.like(&pattern)).select((cm::id, cm::body)).load(conn)?;
    for (id, body) in rows {
        done += diesel::update(cm::table.find(id)).set(cm::body_html.eq(render(&body))).execute(conn)?;
    }
    let rows: Vec<(i64, String)> =
        f::table.filter(f::description.like(&pattern)).select((f::id, f::description)).load(conn)?;
    for (id, text) in rows {
        done += diesel::update(f::table.find(id)).set(f::description_html.eq(render(&text))).execute(conn)?;
    }
    let rows: Vec<(i64, Option<String>, Option<String>)> = c::table
        .filter(c::description.like(&pattern).or(c::irm_analysis.like(&pattern)))
        .select((c::id, c::description, c::irm_analysis))
        .load(conn)?;
    for (id, description, analysis) in rows {
        done += diesel::update(c::table.find(id))
            .set((
                c::description_html.eq(description.as_deref().map(render)),
                c::irm_analysis_html.eq(analysis.as_deref().map(render)),
            ))
            .execute(conn)?;
    }
    let rows: Vec<(i64, Option<String>)> =
        m::table.filter(m::description.like(&pattern)).select((m::id, m::description)).load(conn)?;
    for (id, description) in rows {
        done += diesel::update(m::table.find(id))
            .set(m::description_html.eq(description.as_deref().map(render)))
            .execute(conn)?;
    }
    Ok(done)
}
