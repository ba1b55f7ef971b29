/**
 * `@tiaojie/calendar-cn`: China's official public holidays and make-up working
 * days (调休), as a `Calendar` for `@tiaojie/core`'s working-day counting.
 *
 * @packageDocumentation
 */
export { type ChinaCalendarOptions, chinaCalendar, chinaHolidaySchedule, chinaScheduleYears } from "./china-calendar.js";
