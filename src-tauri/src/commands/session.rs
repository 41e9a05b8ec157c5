//! The record the window works on (this computer's file or a team record), as
//! whom, its clock, searching it, and what a support request needs.

use std::path::PathBuf;

use amicus_app::secrets::SecretKept;
use amicus_app::team::{TeamSignIn, TeamStatus};
use amicus_app::{Clock, ClockView, SearchHit};
use tauri::State;

use crate::AppState;
use crate::record::{Location, Startup};

use super::Reply;

/// The app, or why the record did not open (waits while it opens).
#[tauri::command(async)]
pub fn startup(state: State<'_, AppState>) -> Startup {
    state.record.startup()
}

/// Which record the window works on, and as whom.
#[tauri::command(async)]
pub fn team_status(state: State<'_, AppState>) -> Reply<TeamStatus> {
    Ok(state.app()?.team_status()?)
}

/// The team record's logins and their roles (for giving a follow-up to a
/// colleague); refused on this computer's own record.
#[tauri::command(async)]
pub fn team_users(state: State<'_, AppState>) -> Reply<Vec<amicus_app::team::TeamUser>> {
    Ok(state.app()?.team_users()?)
}

/// Switch to a team record: tried first, so a wrong password or an
/// unreachable server leaves the current record open.
#[tauri::command(async)]
pub fn team_connect(state: State<'_, AppState>, request: TeamSignIn) -> Reply<SecretKept> {
    let (connect, saved) = request.plan()?;
    let app = amicus_app::App::open_team(amicus_app::Engine::new()?, &connect, Clock::system())?;
    let kept = request.keep(&saved)?;
    state.install(&Location::Team(connect), app)?;
    Ok(kept)
}

/// Back to this computer's own record (and at every start from now on).
#[tauri::command(async)]
pub fn team_leave(state: State<'_, AppState>) -> Reply<()> {
    amicus_app::team::forget_team()?;
    state.open_record(None)
}

/// Open the record the window started with again (after an outage).
#[tauri::command(async)]
pub fn record_retry(state: State<'_, AppState>) -> Reply<()> {
    state.open_location(AppState::initial_location(&state.config))
}

/// Open (or create) the record at `path` instead.
#[tauri::command(async)]
pub fn record_open(state: State<'_, AppState>, path: PathBuf) -> Reply<()> {
    state.open_record(Some(path))
}

/// Put a backup in place of the record that would not open, then open it.
#[tauri::command(async)]
pub fn record_restore(state: State<'_, AppState>, backup: PathBuf) -> Reply<()> {
    state.restore_record(&backup)
}

#[tauri::command(async)]
pub fn clock(state: State<'_, AppState>) -> Reply<ClockView> {
    Ok(state.app()?.clock_view())
}

#[tauri::command(async)]
pub fn diagnostics(state: State<'_, AppState>) -> Reply<String> {
    let mut text = state.app()?.diagnostics()?;
    text.push_str(&crate::ipc_error::recent_errors().join("\n"));
    Ok(text)
}

#[tauri::command(async)]
pub fn search(state: State<'_, AppState>, text: String) -> Reply<Vec<SearchHit>> {
    Ok(state.app()?.search(&text)?)
}
