throw new Error('napi-windows-process-start-time is not available on this platform');
