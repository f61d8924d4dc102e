//! The stored workspace (roster, meetings, actions, operation log, settings), loaded once at start
//! and kept in sync with localStorage and with other tabs.

/// Loads the workspace and provides it as context. Called once by [`crate::app::App`].
pub fn provide_workspace() {}
