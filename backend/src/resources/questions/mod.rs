//! Questions to institutions. A member asks about a commitment, a milestone or an action item;
//! the question goes to the institution that answers for it (the commitment's lead, or the
//! action item's owner) with a deadline in working days on the French public-holiday calendar.
//! An official of that institution answers (a reply marked as the answer); the asker may say it
//! is not one. Each institution's responsiveness record is read from aggregates the database
//! keeps as questions and answers come.

pub mod answers;
mod dto;
mod feed;
mod handlers;
pub mod holidays;
pub mod queries;
pub mod record;

use dto::{QuestionFilter, QuestionOrder};

/// This resource's problem codes (`registry::Resource::codes`).
pub mod codes {
    crate::problem_codes! {
        /// 409: the commitment or milestone is withdrawn: nobody answers for it any more.
        WITHDRAWN => ("withdrawn", "Cet engagement (ou ce jalon) a été retiré : plus personne n'en répond."),
        /// 409: no institution answers for it (the commitment has no lead institution, the
        /// action item no owner institution).
        NO_INSTITUTION => ("no_institution", "Aucune institution ne répond de ceci : l'engagement n'a pas d'institution pilote (ou l'action pas d'institution responsable)."),
        /// 409: an answer to this question stands; the asker may say it is not one first.
        ANSWER_STANDS => ("answer_stands", "Une réponse à cette question fait déjà foi ; son auteur peut indiquer qu'elle ne répond pas."),
        /// 409: the asker already said this answer is not one.
        ALREADY_REJECTED => ("already_rejected", "Vous avez déjà indiqué que cette réponse ne répond pas à la question."),
        /// 409: a public holiday is set by law: it is listed, and cannot be removed.
        PUBLIC_HOLIDAY => ("public_holiday", "Ce jour est un jour férié légal : il ne peut pas être retiré."),
    }
}

pub mod subject;

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        QUESTION_ASKED => "question.asked",
        QUESTION_ANSWERED => notifying "question.answered",
        ANSWER_REJECTED => "question.answer_rejected",
        HOLIDAY_ADDED => "holiday.added",
        HOLIDAY_REMOVED => "holiday.removed",
    }
}

/// Questions, institutions' records and the holiday calendar.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
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
            .service(handlers::question_comments_feed)
            .service(handlers::create_question_comment)
            .service(record::institution_record)
            .service(feed::institution_answers_feed)
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
    events: events::ALL,
    codes: codes::ALL,
    subject: Some(&subject::DECL),
    ..crate::registry::Resource::NONE
};
