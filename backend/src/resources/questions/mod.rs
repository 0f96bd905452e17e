//! Questions to institutions. A member asks about a commitment, a milestone or an action item;
//! the question goes to the institution that answers for it (the commitment's lead, or the
//! action item's owner) with a deadline in working days on the French public-holiday calendar.
//! An official of that institution answers (a reply marked as the answer); the asker may say it
//! is not one. Each institution's responsiveness record is read from aggregates the database
//! keeps as questions and answers come.

mod dto;
mod handlers;
pub mod holidays;
pub mod queries;
pub mod record;

use dto::{QuestionFilter, QuestionOrder};

/// Questions, institutions' records and the holiday calendar.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[("questions", "Questions to institutions, their deadlines and each institution's responsiveness record")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::ask_about_commitment)
            .service(handlers::ask_about_milestone)
            .service(handlers::ask_about_action_item)
            .service(handlers::list_questions)
            .service(handlers::get_question)
            .service(handlers::answer_question)
            .service(handlers::reject_answer)
            .service(handlers::list_question_comments)
            .service(handlers::create_question_comment)
            .service(record::institution_record)
            .service(record::list_records)
            .service(holidays::list_holidays)
            .service(holidays::add_holiday)
            .service(holidays::remove_holiday);
    }),
    at_root: None,
    unique: &[
        ("question_answers_standing", "This question already has an answer that stands."),
        ("extra_holidays_pkey", "This day is already a day off."),
    ],
    schemas: crate::schemas![QuestionFilter, QuestionOrder, holidays::HolidaySource],
};
